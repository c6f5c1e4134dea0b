/*
 * cmd_score.c — `xxgk score`: the quality score of reports, each point
 * explained (xxgk_quality.h, docs/quality.md).
 */
#include "cli.h"
#include "xxgk_quality.h"

#include <stdlib.h>
#include <string.h>

struct args {
  int json, jsonl, min;
  const char *published, *organ, *previous;
};

static const char *const ORGANS[] = {"government", "department", NULL};

static const struct cli_opt OPTS[] = {
    CLI_OPT(CLI_DATE, "published", 0, struct args, published, "DATE",
            "报告的发布日期，用于判断是否按时（条例第四十九条）"),
    CLI_OPT_ENUM("organ", 0, struct args, organ, ORGANS,
                 "本级政府（3月31日前）或部门（1月31日前）；不给时按机关"
                 "名称推断"),
    CLI_OPT(CLI_STRING, "previous", 0, struct args, previous, "FILE",
            "同一机关上一年度的报告，核对上年结转（Y1）；只能与一个 FILE "
            "同用"),
    CLI_OPT_INT("min", 0, struct args, min, "N", 0, 100,
                "有报告得分低于 N 时退出码为 1"),
    CLI_OPT(CLI_FLAG, "json", 0, struct args, json, NULL,
            "JSON 输出：单个文件为对象，多个文件为数组"),
    CLI_OPT(CLI_FLAG, "jsonl", 0, struct args, jsonl, NULL,
            "每个文件一行 JSON"),
    CLI_OPT_END,
};

/* 1 after saying why, if the file could not be read as a report (a
 * report with cells missing is scored: V1 says so). */
static int unusable(const char *path, const xxgk_doc *d, xxgk_status st) {
  if (st == XXGK_OK || st == XXGK_E_INCOMPLETE)
    return 0;
  fprintf(stderr, "xxgk score: %s: %s\n", path, xxgk_strerror(st));
  cli_print_diags(stderr, d, XXGK_SEV_ERROR);
  return 1;
}

/* One file: read, check, score, print. Returns its exit code. */
static int score_one(const char *path, const xxgk_doc *prev,
                     const xxgk_quality_ctx *ctx, int json, int min,
                     int *below) {
  xxgk_status st;
  xxgk_doc *d = cli_parse_file(path, &st);
  if (unusable(path, d, st)) {
    xxgk_doc_free(d);
    return EXIT_UNREADABLE;
  }
  xxgk_check(d);
  if (prev)
    xxgk_check_years(prev, d);
  xxgk_quality q;
  xxgk_quality_score(d, ctx, &q); /* the date checked by cli_parse */
  *below |= min >= 0 && q.score >= 0 && q.score < min;
  if (json) {
    char *s = xxgk_quality_json(&q);
    fputs("{\"file\": ", stdout);
    cli_json_str(stdout, path);
    cli_json_field(stdout, "agency", xxgk_doc_agency(d));
    printf(", \"year\": %d, \"quality\": ", xxgk_doc_year(d));
    if (json == 2) /* --jsonl: one line */
      for (char *p = s; *p; p++)
        if (*p == '\n')
          *p = ' ';
    fputs(s, stdout);
    xxgk_free(s);
    fputs(json == 2 ? "}\n" : "}", stdout);
  } else {
    printf("%s（%s，%d年度）\n", path,
           xxgk_doc_agency(d) ? xxgk_doc_agency(d) : "机关不明",
           xxgk_doc_year(d));
    cli_put(stdout, xxgk_quality_text(&q));
  }
  xxgk_doc_free(d);
  return EXIT_CONSISTENT;
}

static int run(const struct cli_call *c) {
  const struct args *a = c->args;
  int n_files = c->n_pos;
  if (a->previous && n_files > 1)
    return cli_usage_error(&cli_cmd_score, "--previous 只能与一个报告文件同用");
  xxgk_quality_ctx ctx = {
      .published = a->published,
      .organ = !a->organ                          ? XXGK_ORGAN_UNKNOWN
               : strcmp(a->organ, "government") == 0 ? XXGK_ORGAN_GOVERNMENT
                                                     : XXGK_ORGAN_DEPARTMENT};
  int json = a->jsonl ? 2 : a->json;
  xxgk_doc *prev = NULL;
  if (a->previous) {
    xxgk_status st;
    prev = cli_parse_file(a->previous, &st);
    if (unusable(a->previous, prev, st)) {
      xxgk_doc_free(prev);
      return EXIT_UNREADABLE;
    }
  }
  int below = 0, array = json == 1 && n_files > 1;
  int rc = EXIT_CONSISTENT;
  if (array)
    fputs("[\n", stdout);
  for (int i = 0; i < n_files; i++) {
    if (array && i > 0)
      fputs(",\n", stdout);
    if (score_one(c->pos[i], prev, &ctx, json, a->min, &below) !=
        EXIT_CONSISTENT)
      rc = EXIT_UNREADABLE;
  }
  if (array)
    fputs("\n]\n", stdout);
  else if (json == 1)
    fputs("\n", stdout);
  xxgk_doc_free(prev);
  return rc != EXIT_CONSISTENT ? rc : below ? EXIT_FINDINGS : EXIT_CONSISTENT;
}

const struct cli_cmd cli_cmd_score = {
    .name = "score",
    .summary = "报告的质量得分：按时、格式、一致、完整，每项有理由",
    .run = run,
    .synopsis =
        "用法: xxgk score [--json | --jsonl] [--published DATE] [--organ KIND]\n"
        "                 [--previous FILE] [--min N] FILE...\n"
        "\n"
        "年度报告的质量得分（0–100），每项说明理由并注明依据：按时发布（条例\n"
        "第四十九条）、六个部分及标题、表格格式与年度相符、表格版式、勾稽关系\n"
        "A1–A3、R1、V1、与上年衔接 Y1、正文与表格一致 N1、信息处理费、第五部分\n"
        "是否具体。无法判断的项目（如发布日期不明）不计入，也不扣分；得分为可\n"
        "评判项目的得分率。评分办法见 docs/quality.md。FILE 为 - 时读标准输入。\n",
    .epilog =
        "退出码: 0 已评分；1 有报告低于 --min；2 有文件无法读取或不是年度报告。\n"
        "\n"
        "示例:\n"
        "  xxgk score report.pdf\n"
        "  xxgk score --published 2024-01-26 --organ department report.docx\n"
        "  xxgk score --previous 2022.txt 2023.txt\n"
        "  xxgk score --json reports/*.txt | jq -r '.[] | [.quality.score, .file] "
        "| @tsv'\n"
        "  xxgk score --min 80 reports/*.txt || echo 有报告需要改进\n",
    .opts = OPTS,
    .max_pos = -1,
    .min_pos = 1,
    .missing = "请给出报告文件",
    .args_size = sizeof(struct args),
    .defaults = &(const struct args){.min = -1},
};
