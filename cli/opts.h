/*
 * opts.h — the command's one option table. Every subcommand describes
 * itself once, in a `struct cli_cmd`: its options (long name, short flag,
 * kind, where the value goes, value name, one line of help), how many
 * positional arguments it takes, and the hand-written parts of its help
 * (the synopsis with the description, and the exit codes with the
 * examples). From that one description:
 *
 *   - cli_parse() reads argv, with one message for each kind of mistake
 *     (unknown option, missing value, bad value of a kind, an option given
 *     twice, a value given to a flag, a stray argument), all exit 2;
 *   - cli_dispatch() (cli/main.c) does it before the command runs: fills
 *     the command's struct of arguments from its defaults and argv, checks
 *     the number of positional arguments, the verb and the options it
 *     requires, opens the register or corpus the command works on, and
 *     closes it after; so a command's run does only its own work;
 *   - cli_usage() writes --help, its option lines generated;
 *   - cli_help_table() lists every subcommand and option (`xxgk
 *     --help-table`, hidden), for generators of man pages and shell
 *     completions, and for the test that --help and the table agree.
 *
 * Values are written into the command's own struct of arguments at each
 * option's offset (offsetof), so a table is a constant that can be listed
 * without running the command. The tables, the structs of arguments and
 * the `struct cli_cmd`s are not written in C: cli/cligen.c generates them
 * at build time from cli/commands.def, where each command is described.
 */
#ifndef XXGK_CLI_OPTS_H
#define XXGK_CLI_OPTS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* What an option takes, and the C type at its offset. */
typedef enum {
  CLI_FLAG,   /* no value; int, set to 1                                   */
  CLI_STRING, /* any text; const char *                                    */
  CLI_INT,    /* an integer from min to max; int                           */
  CLI_ID,     /* a record's number, 1 or more; int64_t                     */
  CLI_DATE,   /* a date of the calendar, YYYY-MM-DD; const char *          */
  CLI_ENUM,   /* one of `choices`; const char * (the choice)               */
  CLI_LIST    /* any text, repeatable, every value kept; struct cli_list   */
} cli_kind;

/* The values of a CLI_LIST option, in the order given. The strings are
 * argv's; the array is freed after the command (cli_free_lists). */
struct cli_list {
  const char **v;
  size_t n;
};
void cli_list_free(struct cli_list *l);

struct cli_opt {
  const char *name;           /* long name without "--", or NULL         */
  char short_name;            /* the letter of "-o", or 0                */
  cli_kind kind;              /* what it takes                           */
  size_t offset;              /* where the value goes in the args struct */
  const char *value;          /* the value's name in help: "FILE"        */
  const char *help;           /* one line                                */
  int min, max;               /* CLI_INT: the range                      */
  const char *const *choices; /* CLI_ENUM: the values, NULL-terminated   */
  /* An option a verb cannot do without: what it names, said in the
   * mistake "请给出 --NAME（REQUIRED）" (NULL: never required), and the
   * verbs needing it (bit i: the i-th; every bit for a command without
   * verbs). It is missing while its value is 0 or NULL. */
  const char *required;
  unsigned required_in;
};

/* A macro's value as a string: "${MACRO}" in cli/commands.def. */
#define CLI_STR_(x) #x
#define CLI_STR(x) CLI_STR_(x)
/* The end of a table. */
#define CLI_OPT_END {.name = NULL}

/* A command's verb ("case new"), and how many arguments follow it. */
struct cli_verb {
  const char *name;
  int n_args;
};

/* What cli_dispatch opens for a command before it runs. */
typedef enum {
  CLI_OPENS_NOTHING,
  CLI_OPENS_REGISTER, /* cli_reg_open: the args struct begins with
                         struct reg_opts                                  */
  CLI_OPENS_CORPUS    /* corpus_open_existing: it begins with corpus_opts */
} cli_opens;

struct cli_call; /* what run is given (cli.h) */

struct cli_cmd {
  const char *name;    /* "case"                                         */
  const char *summary; /* its line in `xxgk --help`                      */
  /* Its own work, given the arguments parsed and checked and the handle
   * opened; an exit code. */
  int (*run)(const struct cli_call *c);
  const char *synopsis; /* "用法: …" and the description, before options */
  const char *epilog;   /* after the options: exit codes, examples       */
  const struct cli_opt *opts;   /* its own options (CLI_OPT_END)         */
  const struct cli_opt *common; /* its family's (register, corpus), or
                                   NULL; same args struct                */
  int max_pos; /* positional arguments at most; -1: any number          */
  const struct cli_verb *verbs; /* its verbs, name NULL at the end; or
                                   NULL when it has none                 */
  int min_pos;          /* positional arguments at least ...            */
  const char *missing;  /* ... else this mistake                        */
  size_t args_size;     /* its struct of arguments (0: it has none)     */
  const void *defaults; /* that struct's values before any option, or
                           NULL for zeros                               */
  cli_opens opens;      /* the handle run is given                      */
  const char *creates;  /* the verb that makes the register when there
                           is none ("init"), or NULL                    */
  /* Checks that need more than one option, before anything is opened:
   * -1 to go on, or the exit code after the message. May fill fields of
   * the arguments that no option sets. NULL: none. */
  int (*check)(struct cli_call *c);
};

/* Every subcommand, in the order `xxgk --help` lists them; NULL-ended
 * (cli/main.c). */
extern const struct cli_cmd *const cli_commands[];

/* The i-th option of cmd (its own, its family's, then --help); NULL past
 * the last. */
const struct cli_opt *cli_opt_at(const struct cli_cmd *cmd, size_t i);

/* Parses argv[1..argc-1] into args (the struct the tables' offsets are
 * of; the caller sets defaults first). "--name VALUE", "--name=VALUE",
 * "-o VALUE"; "--" ends the options. A value may not begin with "-" (that
 * is the next option: the value was forgotten) unless it is "-" itself or
 * written "--name=-…". Positional arguments are moved, in order, to
 * argv[1..*n_pos]. Returns -1 when the command should run, 0 after
 * writing the help for --help or -h, EXIT_UNREADABLE (2) after writing
 * the mistake. */
int cli_parse(const struct cli_cmd *cmd, int argc, char **argv, void *args,
              int *n_pos);

/* The first option of cmd that `verb` (-1: the command has none) requires
 * and args lacks: -1 if none, else its mistake, said, and 2. */
int cli_required(const struct cli_cmd *cmd, const void *args, int verb);

/* Frees the arrays of every CLI_LIST option of cmd in args. */
void cli_free_lists(const struct cli_cmd *cmd, void *args);

/* The verb of argv[1..n_pos] (as cli_parse left them): its index in
 * cmd->verbs, or -1 after the message (no verb, an unknown one, or more
 * arguments after it than it takes). */
int cli_verb(const struct cli_cmd *cmd, char **argv, int n_pos);

/* The mistake of a stray argument (one more than the command takes
 * there): the message, and 2. */
int cli_stray(const struct cli_cmd *cmd, const char *arg);

/* Any other mistake in the command line: "xxgk CMD: <message>" and a hint
 * to --help on stderr; returns 2. */
int cli_usage_error(const struct cli_cmd *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Writes cmd's --help. */
void cli_usage(const struct cli_cmd *cmd, FILE *f);

/* Writes every subcommand and option as tab-separated lines:
 *   command <TAB> NAME <TAB> SUMMARY
 *   verb <TAB> NAME <TAB> VERB <TAB> number of arguments after it
 *   option <TAB> NAME <TAB> --long <TAB> -s <TAB> KIND <TAB> VALUE
 *          <TAB> repeatable (0|1) <TAB> choices (a|b|c) <TAB> HELP
 * (an empty field where there is none): the input of generators (man
 * pages, completions) and of tests/cli/opts.sh. */
void cli_help_table(FILE *f);

#endif
