/*
 * main.c — the `xxgk` command: dispatches to its subcommands.
 */
#include "cli.h"

#include <locale.h>
#include <string.h>

static const char USAGE[] =
    "xxgk " XXGK_VERSION " — 政府信息公开工作年度报告：解析、检查\n"
    "\n"
    "用法: xxgk COMMAND [选项] FILE...\n"
    "\n"
    "命令:\n"
    "  parse   读取报告，输出统计表的规范数据（JSON、CSV、Markdown）\n"
    "  check   检查统计表的勾稽关系和正文数字\n"
    "\n"
    "每个命令都有 --help。FILE 为 - 时读标准输入。\n"
    "\n"
    "示例:\n"
    "  xxgk parse report.txt > report.json\n"
    "  xxgk check reports/*.txt\n";

int main(int argc, char **argv) {
  setlocale(LC_ALL, "C.UTF-8");
  if (argc < 2) {
    fputs(USAGE, stderr);
    return EXIT_UNREADABLE;
  }
  const char *cmd = argv[1];
  if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
      strcmp(cmd, "help") == 0) {
    fputs(USAGE, stdout);
    return 0;
  }
  if (strcmp(cmd, "--version") == 0) {
    puts("xxgk " XXGK_VERSION);
    return 0;
  }
  if (strcmp(cmd, "parse") == 0)
    return cmd_parse(argc - 1, argv + 1);
  if (strcmp(cmd, "check") == 0)
    return cmd_check(argc - 1, argv + 1);
  fprintf(stderr, "xxgk: 未知命令 %s\n\n%s", cmd, USAGE);
  return EXIT_UNREADABLE;
}
