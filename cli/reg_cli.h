/*
 * reg_cli.h — what the register's commands (db, agency, case, review, doc,
 * report) share: their common options, opening the register named by --db
 * (or $XXGK_DB, else ./xxgk.db) as the user named by --user (or
 * $XXGK_USER, else $USER), the calendar additions of --calendar (or
 * $XXGK_CALENDAR), and printing a failure as a clerk reads it.
 */
#ifndef XXGK_REG_CLI_H
#define XXGK_REG_CLI_H

#include "cli.h"
#include "xxgk_register.h"

/* The options every register command takes. Each command's struct of
 * arguments begins with this one, so that reg_common's offsets hold. */
struct reg_opts {
  const char *db, *user, *calendar, *today;
  int json;
};
extern const struct cli_opt reg_common[];

/* The register's file: --db, else $XXGK_DB, else ./xxgk.db. */
const char *cli_reg_path(const struct reg_opts *o);
/* Sets the register's user, today and calendar additions from the
 * options; -1 after printing why. */
int cli_reg_setup(xxgk_reg *r, const struct reg_opts *o, const char *cmd);
/* Opens the register (creating it with `create`); NULL after printing why. */
xxgk_reg *cli_reg_open(const struct reg_opts *o, int create, const char *cmd);

/* Prints xxgk_reg_errmsg for a failed call; returns EXIT_UNREADABLE. */
int cli_reg_fail(xxgk_reg *r, const char *cmd);

/* Prints the last command's warnings (xxgk_reg_warning), if any, to
 * stderr: recorded, not refused. */
void cli_reg_warn(xxgk_reg *r, const char *cmd);

/* Parses a positive id; returns 0 on failure after printing. */
int64_t cli_id(const char *s, const char *what, const char *cmd);
/* An application by number or tracking number; 0 after printing. */
int64_t cli_case_id(xxgk_reg *r, const char *s, const char *cmd);

/* Today, from --today or $XXGK_TODAY or the clock; -1 after printing. */
int cli_today(const struct reg_opts *o, xxgk_date *out, const char *cmd);

#endif
