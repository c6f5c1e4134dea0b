/*
 * cli.h — the `xxgk` command's shared pieces. The command only uses the
 * public header; it prints, maps statuses to exit codes, and reads files.
 */
#ifndef XXGK_CLI_H
#define XXGK_CLI_H

#include "opts.h"
#include "xxgk.h"
#include "xxgk_corpus.h"
#include "xxgk_register.h"

#include <stdio.h>

/* Exit codes, documented in `xxgk --help`. */
enum { EXIT_CONSISTENT = 0, EXIT_FINDINGS = 1, EXIT_UNREADABLE = 2 };

/* Reads and parses a file ("-": standard input). Always returns a document
 * (the caller frees it); *st says how the parse went. */
xxgk_doc *cli_parse_file(const char *path, xxgk_status *st);

/* Reads the n files as reports (cli_parse_file) into docs[0..n-1], which
 * the caller frees, and prints each one's diagnostics of at least warning
 * severity to stderr: after checking it (xxgk_check) when `checked` is not
 * NULL, *checked then counting the reports the rules found errors in. A
 * file that cannot be read as a report (one with cells missing can) is
 * named: "xxgk CMD: FILE: 无法读取" and `why`. Returns EXIT_UNREADABLE if
 * one could not be read, else 0. */
int cli_parse_reports(char *const *files, int n, xxgk_doc **docs,
                      size_t *checked, const char *cmd, const char *why);

/* Prints the document's diagnostics of at least `min` severity to f. */
void cli_print_diags(FILE *f, const xxgk_doc *d, xxgk_severity min);

/* The bytes of the file at path ("-": standard input), with a NUL after
 * them (free with xxgk_free), *n their count: at most max + 1, so that
 * the caller sees a larger input as one longer than max. NULL if it
 * cannot be opened or read. */
char *cli_read(const char *path, size_t max, size_t *n);
/* Writes n bytes to path (NULL: standard output); an exit code, after
 * saying why (messages name cmd) if the file cannot be written. */
int cli_write(const char *path, const void *bytes, size_t n, const char *cmd);

/* Writes s and frees it. */
void cli_put(FILE *f, char *s);
/* Writes what b holds and empties it for the next piece. */
void cli_flush(FILE *f, xxgk_buf *b);

/* The corpus and register database: $XXGK_DB, else "xxgk.db". */
const char *cli_default_db(void);
/* s as a JSON string ("null" for NULL). */
void cli_json_str(FILE *f, const char *s);
/* `, "key": ` and s as cli_json_str writes it: a member after the first. */
void cli_json_field(FILE *f, const char *key, const char *s);

/* What a command's run is given by cli_dispatch. */
struct cli_call {
  const struct cli_cmd *cmd;
  void *args;          /* its struct of arguments, parsed               */
  char **pos;          /* the positional arguments, pos[0..n_pos-1];
                          pos[0] is the verb of a command with verbs    */
  int n_pos;
  int verb;            /* the verb's index in cmd->verbs, or -1         */
  xxgk_reg *reg;       /* CLI_OPENS_REGISTER, else NULL; closed after   */
  xxgk_corpus *corpus; /* CLI_OPENS_CORPUS, else NULL; closed after     */
};

/* Runs cmd over argv[1..argc-1] (argv[0] is its name): see opts.h. The
 * exit code. */
int cli_dispatch(const struct cli_cmd *cmd, int argc, char **argv);

/* Writes `xxgk --version`: the release, the commit, and the versions of
 * the libraries and the program (pdftotext) the command uses; 0. */
int cli_version(FILE *f);

/* The formats of a whole report (cli_write_report), NULL-ended. */
extern const char *const cli_report_formats[];

/* Writes d as a whole report to path (NULL: standard output) in format `to`
 * ("html", "docx", "md", "txt", "json"; NULL: from path's extension, else
 * html). Messages name `cmd`. Returns an exit code. */
int cli_write_report(const xxgk_doc *d, const char *to, const char *path,
                     const char *cmd);

#endif
