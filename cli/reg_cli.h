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

/* The options every register command takes, struct reg_opts
 * (cli/commands.def, generated into families.h). Each command's struct of
 * arguments begins with it, so that reg_common's offsets hold. */
#include "families.h"
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

/* What a command that adds a record says: {"id": ID} with --json, else
 * the message, fmt with its arguments. */
void cli_added(const struct reg_opts *o, int64_t id, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Prints the last command's warnings (xxgk_reg_warning), if any, to
 * stderr: recorded, not refused. */
void cli_reg_warn(xxgk_reg *r, const char *cmd);

/* Parses a positive id; returns 0 on failure after printing. */
int64_t cli_id(const char *s, const char *what, const char *cmd);
/* An application by number or tracking number; 0 after printing. */
int64_t cli_case_id(xxgk_reg *r, const char *s, const char *cmd);

/* ## The files and deliveries of `xxgk case` (cmd_case_files.c) */

/* The options they read, from the command's own. */
struct case_file_opts {
  int json;
  int64_t event;      /* --event: the step a file belongs to, or 0      */
  const char *kind;   /* --kind: identity signed receipt other          */
  const char *as;     /* --as: the file's original name                 */
  const char *method, *number, *date, *note; /* a delivery              */
  const char *reason; /* --reason: why a file or delivery is voided     */
};
/* Each returns the command's exit code, after printing. */
int case_attach(xxgk_reg *r, const struct case_file_opts *f,
                const char *which, const char *file);
int case_files(xxgk_reg *r, int json, const char *which);
/* The file's bytes to path (NULL: standard output, never a terminal). */
int case_file_get(xxgk_reg *r, const char *which, const char *path);
int case_deliver(xxgk_reg *r, const struct case_file_opts *f,
                 const char *which);
int case_file_void(xxgk_reg *r, const struct case_file_opts *f,
                   const char *which, int delivery);

/* Today, from --today or $XXGK_TODAY or the clock; -1 after printing. */
int cli_today(const struct reg_opts *o, xxgk_date *out, const char *cmd);

#endif
