/*
 * main.c — the `xxgk` command: dispatches to its subcommands, having
 * parsed and checked each one's arguments and opened what it works on
 * (cli_dispatch), so that a subcommand's run does only its own work.
 */
#include "cli.h"
#include "corpus_cli.h"
#include "reg_cli.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void usage(FILE *f) {
  fputs("xxgk " XXGK_VERSION " — 政府信息公开工作年度报告\n\n"
        "用法: xxgk COMMAND [选项] FILE...\n\n命令:\n",
        f);
  for (size_t i = 0; cli_commands[i]; i++)
    fprintf(f, "  %-8s %s\n", cli_commands[i]->name, cli_commands[i]->summary);
  fputs("\n每个命令都有 --help。FILE 为 - 时读标准输入。\n"
        "xxgk --version 显示版本、提交和所用的库及其版本。\n\n"
        "示例:\n"
        "  xxgk parse report.txt > report.json\n"
        "  xxgk check reports/*.txt\n",
        f);
}

int cli_dispatch(const struct cli_cmd *cmd, int argc, char **argv) {
  void *args = xxgk_calloc(1, cmd->args_size ? cmd->args_size : 1);
  if (cmd->defaults)
    memcpy(args, cmd->defaults, cmd->args_size);
  struct cli_call c = {.cmd = cmd, .args = args, .pos = argv + 1, .verb = -1};
  int rc = cli_parse(cmd, argc, argv, args, &c.n_pos);
  if (rc < 0 && c.n_pos < cmd->min_pos)
    rc = cli_usage_error(cmd, "%s", cmd->missing);
  if (rc < 0 && cmd->verbs && (c.verb = cli_verb(cmd, argv, c.n_pos)) < 0)
    rc = EXIT_UNREADABLE;
  if (rc < 0)
    rc = cli_required(cmd, args, c.verb);
  if (rc < 0 && cmd->check)
    rc = cmd->check(&c);
  if (rc < 0 && cmd->opens == CLI_OPENS_REGISTER) {
    int creates = cmd->creates && c.verb >= 0 &&
                  strcmp(cmd->verbs[c.verb].name, cmd->creates) == 0;
    if (!(c.reg = cli_reg_open(args, creates, cmd->name)))
      rc = EXIT_UNREADABLE;
  }
  if (rc < 0 && cmd->opens == CLI_OPENS_CORPUS &&
      !(c.corpus = corpus_open_existing(args, cmd->name)))
    rc = EXIT_UNREADABLE;
  if (rc < 0)
    rc = cmd->run(&c);
  xxgk_reg_close(c.reg);
  xxgk_corpus_close(c.corpus);
  cli_free_lists(cmd, args);
  xxgk_free(args);
  return rc;
}

/* Output that could not be written (a full disk, a closed descriptor) is an
 * error, never a silent success: stdout is closed here, so a failed write
 * still buffered shows, and the command exits 2 with a message. */
static int close_stdout(int rc) {
  errno = 0;
  int bad = fflush(stdout) != 0;
  int why = errno;
  bad |= ferror(stdout);
  if (fclose(stdout) != 0) {
    bad = 1;
    why = why ? why : errno;
  }
  if (!bad)
    return rc;
  fprintf(stderr, "xxgk: 无法写出结果（标准输出）%s%s\n", why ? ": " : "",
          why ? strerror(why) : "");
  return EXIT_UNREADABLE;
}

/* A scan is recognised page by page, a few seconds each: on a terminal,
 * say how far it is (on one line, cleared at the end). */
static void show_progress(void *arg, const char *what, int done, int total) {
  (void)arg;
  if (done < total)
    fprintf(stderr, "\r%s：第 %d/%d 页…", what, done + 1, total);
  else
    fputs("\r\033[K", stderr);
}

int main(int argc, char **argv) {
  setlocale(LC_ALL, "C.UTF-8");
  if (isatty(2))
    xxgk_set_progress(show_progress, NULL);
  /* Past a file-size limit (ulimit -f) a write fails with EFBIG, which
   * SQLite and the writers report like a full disk; the signal's default
   * would kill the command between a commit and its acknowledgement. */
  signal(SIGXFSZ, SIG_IGN);
  if (argc < 2) {
    usage(stderr);
    return EXIT_UNREADABLE;
  }
  const char *cmd = argv[1];
  if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
      strcmp(cmd, "help") == 0) {
    usage(stdout);
    return close_stdout(0);
  }
  /* Hidden: the option table for generators (man pages, completions). */
  if (strcmp(cmd, "--help-table") == 0) {
    cli_help_table(stdout);
    return close_stdout(0);
  }
  if (strcmp(cmd, "--version") == 0) {
    return close_stdout(cli_version(stdout));
  }
  for (size_t i = 0; cli_commands[i]; i++)
    if (strcmp(cmd, cli_commands[i]->name) == 0)
      return close_stdout(cli_dispatch(cli_commands[i], argc - 1, argv + 1));
  fprintf(stderr, "xxgk: 未知命令 %s\n\n", cmd);
  usage(stderr);
  return EXIT_UNREADABLE;
}
