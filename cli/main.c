/*
 * main.c — the `xxgk` command: dispatches to its subcommands.
 */
#include "cli.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <string.h>

/* Every subcommand, in the order `xxgk --help` lists them. */
static const struct {
  const char *name;
  int (*run)(int argc, char **argv);
  const char *summary;
} COMMANDS[] = {
    {"parse", cmd_parse, "读取报告，输出统计表的规范数据（JSON、CSV、Markdown）"},
    {"check", cmd_check, "检查统计表的勾稽关系和正文数字"},
    {"import", cmd_import, "把一批报告文件导入语料库（并行、可重复执行）"},
    {"findings", cmd_findings, "语料库中不一致的报告（按规则、地区、年度）"},
    {"stats", cmd_stats, "语料库统计：按年度、省份、机关类型；CSV、XLSX、SVG"},
    {"agencies", cmd_agencies, "语料库中的机关：名称写法、地区、类型"},
    {"serve", cmd_serve, "网页应用：在浏览器中使用登记簿、年度报告和报告检查"},
    {"db", cmd_db, "登记簿数据库：新建、导出、导入（init|export|import）"},
    {"agency", cmd_agency, "登记簿中的机关及其用户（add|list|user）"},
    {"case", cmd_case, "依申请公开的申请：登记、办理、答复、期限、更正（new|event|reply|show|list|due|edit|void）"},
    {"calendar", cmd_calendar, "节假日日历：登记放假安排通知、查看某年放假日（import|show）"},
    {"review", cmd_review, "行政复议、行政诉讼案件（add|decide）"},
    {"doc", cmd_doc, "主动公开的规章、规范性文件和年度数字（add|repeal|figure）"},
    {"report", cmd_report, "由登记簿生成年度报告统计表（2021 年格式）"},
    {"render", cmd_render, "按官方格式写出完整报告（HTML、DOCX、Markdown、文本）"},
    {"sum", cmd_sum, "把各单位的报告逐格相加为汇总报告，并检查"},
    {"diff", cmd_diff, "比较同一机关两年的报告，检查跨年度规则（Y1–Y3）"},
};
#define N_COMMANDS (sizeof COMMANDS / sizeof COMMANDS[0])

static void usage(FILE *f) {
  fputs("xxgk " XXGK_VERSION " — 政府信息公开工作年度报告\n\n"
        "用法: xxgk COMMAND [选项] FILE...\n\n命令:\n",
        f);
  for (size_t i = 0; i < N_COMMANDS; i++)
    fprintf(f, "  %-8s %s\n", COMMANDS[i].name, COMMANDS[i].summary);
  fputs("\n每个命令都有 --help。FILE 为 - 时读标准输入。\n\n"
        "示例:\n"
        "  xxgk parse report.txt > report.json\n"
        "  xxgk check reports/*.txt\n",
        f);
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

int main(int argc, char **argv) {
  setlocale(LC_ALL, "C.UTF-8");
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
  if (strcmp(cmd, "--version") == 0) {
    puts("xxgk " XXGK_VERSION);
    return close_stdout(0);
  }
  for (size_t i = 0; i < N_COMMANDS; i++)
    if (strcmp(cmd, COMMANDS[i].name) == 0)
      return close_stdout(COMMANDS[i].run(argc - 1, argv + 1));
  fprintf(stderr, "xxgk: 未知命令 %s\n\n", cmd);
  usage(stderr);
  return EXIT_UNREADABLE;
}
