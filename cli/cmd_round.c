/*
 * cmd_round.c — `xxgk round …`: the office's round of annual reports
 * (年报报送/审核): open it, let units submit (from the register or a file),
 * note findings, return or approve, list the board and the late units,
 * publish into the corpus. The workflow is the library's (xxgk_round.h).
 */
#include "corpus_cli.h"
#include "reg_cli.h"
#include "xxgk_corpus.h"
#include "xxgk_round.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct args {
  struct reg_opts o; /* first: reg_common's offsets */
  int64_t office, round, agency;
  int year, version, finding, from_register, draft, office_side, late,
      errors, diff, sum_units;
  const char *due, *file, *text, *cell, *state, *export_to, *path, *previous, *to;
};

static const char *const STATES[] = {"pending",  "submitted", "errors",
                                     "returned", "approved",  "published",
                                     NULL};
static const char *const FORMATS[] = {"csv", "xlsx", NULL};

static const struct cli_opt OPTS[] = {
    CLI_OPT(CLI_ID, "office", 0, struct args, office, "ID",
            "政务公开办所在机关的编号（open）"),
    CLI_OPT_INT("year", 0, struct args, year, "年度", 2008, 2100,
                "报告年度（open）"),
    CLI_OPT(CLI_DATE, "due", 0, struct args, due, "日期",
            "报送截止日期（open）"),
    CLI_OPT(CLI_ID, "round", 0, struct args, round, "ID", "报送轮次编号"),
    CLI_OPT(CLI_ID, "agency", 0, struct args, agency, "ID",
            "报送单位的机关编号"),
    CLI_OPT(CLI_FLAG, "from-register", 0, struct args, from_register, NULL,
            "用登记簿生成的本单位年度报告报送（submit）"),
    CLI_OPT(CLI_STRING, "file", 0, struct args, file, "FILE",
            "上传的报告文件，任何 xxgk 能读的格式（submit）"),
    CLI_OPT(CLI_FLAG, "draft", 0, struct args, draft, NULL,
            "只存为草稿、检查，不报送（submit）"),
    CLI_OPT_INT("version", 0, struct args, version, "N", 1, 1000000,
                "版本（note、versions --diff；默认最新版）"),
    CLI_OPT(CLI_FLAG, "diff", 0, struct args, diff, NULL,
            "只列这一版与上一版的比较（versions；--json 为 JSON）"),
    CLI_OPT_INT("finding", 0, struct args, finding, "N", 0, 100000,
                "第几条检查意见，0 为整份报告（note）"),
    CLI_OPT(CLI_STRING, "cell", 0, struct args, cell, "字段名",
            "意见针对的单元格，数据字典的字段名，如 "
            "applications.granted.natural_person（note）"),
    CLI_OPT(CLI_STRING, "text", 0, struct args, text, "文字",
            "意见或退回理由（note、return）"),
    CLI_OPT(CLI_FLAG, "as-office", 0, struct args, office_side, NULL,
            "以政务公开办的身份写意见（note；默认单位的答复）"),
    CLI_OPT_ENUM("state", 0, struct args, state, STATES,
                 "只列这一状态的单位（board）"),
    CLI_OPT(CLI_FLAG, "late", 0, struct args, late, NULL,
            "只列逾期的单位（board）"),
    CLI_OPT(CLI_FLAG, "errors", 0, struct args, errors, NULL,
            "只列有错误的单位（board）"),
    CLI_OPT_ENUM("export", 0, struct args, export_to, FORMATS,
                 "导出为 CSV 或 XLSX（board、ranking；写到 -o FILE 或标准输出）"),
    CLI_OPT(CLI_STRING, NULL, 'o', struct args, path, "FILE",
            "导出或报告写到文件（默认标准输出）"),
    CLI_OPT(CLI_FLAG, "sum-units", 0, struct args, sum_units, NULL,
            "本机关报告加上各单位已通过的报告（report；按本地做法）"),
    CLI_OPT(CLI_STRING, "previous", 0, struct args, previous, "FILE",
            "本机关上年的报告，用于跨年度检查 Y1–Y3（report）"),
    CLI_OPT_ENUM("to", 0, struct args, to, cli_report_formats,
                 "报告格式（report；默认 json，或按 -o 的扩展名）"),
    CLI_OPT_END,
};

enum { OPEN, LIST, UNIT, SUBMIT, NOTE, RETURN, APPROVE, PUBLISH, BOARD, LATE,
       VERSIONS, RANKING, REPORT };

static int need(int64_t v, const char *what) {
  if (v)
    return 0;
  return cli_usage_error(&cli_cmd_round, "%s", what);
}

static int fail(xxgk_round *rd) {
  fprintf(stderr, "xxgk round: %s\n", xxgk_round_errmsg(rd));
  return EXIT_UNREADABLE;
}

static void warn(xxgk_round *rd) {
  if (xxgk_round_warning(rd)[0])
    fprintf(stderr, "xxgk round: 注意：%s\n", xxgk_round_warning(rd));
}

/* ## Rows */

static int print_round(void *ctx, const xxgk_round_info *i) {
  const struct args *a = ctx;
  if (a->o.json) {
    printf("{\"id\": %lld, \"office_id\": %lld, \"office\": ",
           (long long)i->id, (long long)i->office_id);
    cli_json_str(stdout, i->office);
    printf(", \"year\": %d, \"due\": \"%s\", \"units\": %d}\n", i->year,
           i->due, i->units);
  } else {
    printf("%lld\t%s\t%d 年度\t截止 %s\t%d 个单位\n", (long long)i->id,
           i->office, i->year, i->due, i->units);
  }
  return 0;
}

/* -1 (none) as null. */
static void json_int(const char *name, int v) {
  printf(", \"%s\": ", name);
  if (v >= 0)
    printf("%d", v);
  else
    fputs("null", stdout);
}

struct board_out {
  const struct args *a;
  int n;
};

/* With --json, the start of a unit's element: what comes before it, its
 * number and its name. */
static void json_unit(const struct board_out *o, int64_t id,
                      const char *agency) {
  printf("%s{\"agency_id\": %lld, \"agency\": ", o->n ? ",\n " : "[",
         (long long)id);
  cli_json_str(stdout, agency);
}

static int print_row(void *ctx, const xxgk_board_row *b) {
  struct board_out *o = ctx;
  if (o->a->o.json) {
    json_unit(o, b->agency_id, b->agency);
    printf(", \"state\": \"%s\", \"state_label\": \"%s\", \"version\": %d,"
           " \"submitted\": ",
           xxgk_unit_state_key(b->state), xxgk_unit_state_label(b->state),
           b->version);
    cli_json_str(stdout, b->submitted);
    printf(", \"late_days\": %d, \"errors\": %d, \"warnings\": %d,"
           " \"notices\": %d",
           b->late_days, b->errors, b->warnings, b->notices);
    json_int("score", b->score);
    printf(", \"corpus_id\": %lld}", (long long)b->corpus_id);
  } else {
    char late[32] = "按时";
    if (b->late_days)
      snprintf(late, sizeof late, "逾期 %d 天", b->late_days);
    else if (!b->submitted)
      late[0] = 0;
    printf("%lld\t%s\t%s\t第 %d 版\t错误 %d\t警告 %d\t提示 %d\t得分 %s%.0d\t%s"
           "\t%s\n",
           (long long)b->agency_id, b->agency, xxgk_unit_state_label(b->state),
           b->version, b->errors, b->warnings, b->notices,
           b->score < 0 ? "—" : "", b->score < 0 ? 0 : b->score,
           b->submitted ? b->submitted : "未报送", late);
  }
  o->n++;
  return 0;
}

static void board_end(const struct board_out *o) {
  if (o->a->o.json)
    puts(o->n ? "]" : "[]");
}

static int print_version(void *ctx, const xxgk_round_version *v) {
  (void)ctx;
  printf("第 %d 版\t%s\t%s\t%s\tSHA-256 %s\t错误 %d\t警告 %d\t提示 %d\n",
         v->version, v->at, v->who, v->source, v->sha256, v->errors,
         v->warnings, v->notices);
  if (v->changes)
    printf("  与上一版相比：\n%s", v->changes);
  return 0;
}

static int print_note(void *ctx, const xxgk_round_note *n) {
  (void)ctx;
  char on[160] = "整份报告";
  if (n->finding)
    snprintf(on, sizeof on, "第 %d 条意见", n->finding);
  else if (n->cell)
    snprintf(on, sizeof on, "单元格 %s", n->cell);
  printf("  第 %d 版 %s %s（%s）：%s\n", n->version, on, n->who,
         n->side == XXGK_SIDE_OFFICE ? "政务公开办" : "单位", n->text);
  return 0;
}

static int print_rank(void *ctx, const xxgk_round_rank *r) {
  struct board_out *o = ctx;
  if (o->a->o.json) {
    json_unit(o, r->agency_id, r->agency);
    printf(", \"state\": \"%s\", \"version\": %d",
           xxgk_unit_state_key(r->state), r->version);
    json_int("rank", r->rank);
    json_int("score", r->score);
    json_int("got", r->got);
    json_int("judged", r->judged);
    fputs(", \"lost\": ", stdout);
    cli_json_str(stdout, r->lost);
    putchar('}');
  } else {
    char rank[16] = "—", score[32] = "—";
    if (r->rank > 0)
      snprintf(rank, sizeof rank, "%d", r->rank);
    if (r->score >= 0)
      snprintf(score, sizeof score, "%d（%d/%d）", r->score, r->got,
               r->judged);
    printf("%s\t%s\t%s\t%s\t%s\n", rank, r->agency,
           xxgk_unit_state_label(r->state), score, r->lost ? r->lost : "");
  }
  o->n++;
  return 0;
}

/* The board or the ranking as CSV or XLSX. */
static int export(xxgk_round *rd, int verb, const struct args *a,
                  const xxgk_board_filter *f) {
  xxgk_queue_format fmt =
      strcmp(a->export_to, "xlsx") == 0 ? XXGK_QUEUE_XLSX : XXGK_QUEUE_CSV;
  if (fmt == XXGK_QUEUE_XLSX && !a->path && isatty(STDOUT_FILENO)) {
    fputs("xxgk round: XLSX 是二进制文件，请用 -o FILE 或重定向到文件\n",
          stderr);
    return EXIT_UNREADABLE;
  }
  char *bytes;
  size_t n;
  xxgk_status st =
      verb == BOARD
          ? xxgk_round_board_export(rd, a->round, f, fmt, &bytes, &n)
          : xxgk_round_ranking_export(rd, a->round, fmt, &bytes, &n);
  if (st != XXGK_OK)
    return fail(rd);
  int rc = cli_write(a->path, bytes, n, "round");
  xxgk_free(bytes);
  return rc;
}

/* The office's own report: its register, with its units' approved
 * reports where that is its practice; checked, written as `xxgk report`
 * writes one. */
static int office_report(xxgk_round *rd, const struct args *a) {
  xxgk_doc *prev = NULL, *d;
  if (a->previous) {
    xxgk_status st;
    prev = cli_parse_file(a->previous, &st);
    if (st != XXGK_OK && st != XXGK_E_INCOMPLETE) {
      fprintf(stderr, "xxgk round: %s 读不出年度报告：%s\n", a->previous,
              xxgk_strerror(st));
      xxgk_doc_free(prev);
      return EXIT_UNREADABLE;
    }
  }
  int n = 0;
  xxgk_status st = xxgk_round_office_report(
      rd, a->round, a->sum_units ? XXGK_ROUND_SUM_UNITS : 0, prev, &d, &n);
  xxgk_doc_free(prev);
  if (st != XXGK_OK)
    return fail(rd);
  warn(rd);
  if (a->sum_units)
    fprintf(stderr, "xxgk round: 本机关登记簿加 %d 个单位已通过的报告\n", n);
  int rc = cli_write_report(d, a->to || a->path ? a->to : "json", a->path,
                            "round");
  size_t errors = xxgk_doc_count(d, XXGK_SEV_ERROR);
  cli_print_diags(stderr, d, XXGK_SEV_WARNING);
  xxgk_doc_free(d);
  return rc != 0 ? rc : errors ? EXIT_FINDINGS : 0;
}

/* ## Submission */

static int submit(xxgk_round *rd, const struct args *a) {
  xxgk_round_info info;
  if (need(a->round, "请给出 --round（轮次编号）") ||
      need(a->agency, "请给出 --agency（报送单位）"))
    return EXIT_UNREADABLE;
  if (!a->from_register == !a->file)
    return cli_usage_error(&cli_cmd_round,
                           "请给出 --from-register 或 --file（二选一）");
  if (xxgk_round_get(rd, a->round, &info) != XXGK_OK)
    return fail(rd);
  xxgk_doc *doc = NULL;
  char *bytes = NULL;
  size_t n = 0;
  const char *source = NULL;
  if (a->from_register) {
    if (xxgk_reg_report(xxgk_round_reg(rd), a->agency, info.year, &doc) !=
        XXGK_OK) {
      xxgk_doc_free(doc);
      return cli_reg_fail(xxgk_round_reg(rd), "round");
    }
  } else {
    bytes = cli_read(a->file, XXGK_MAX_INPUT, &n);
    if (!bytes) {
      fprintf(stderr, "xxgk round: 无法读取 %s\n", a->file);
      return EXIT_UNREADABLE;
    }
    xxgk_status st = xxgk_read(bytes, n, &doc);
    if (st != XXGK_OK && st != XXGK_E_INCOMPLETE) {
      fprintf(stderr, "xxgk round: %s 读不出年度报告：%s\n", a->file,
              xxgk_strerror(st));
      cli_print_diags(stderr, doc, XXGK_SEV_ERROR);
      xxgk_doc_free(doc);
      xxgk_free(bytes);
      return EXIT_UNREADABLE;
    }
    source = strrchr(a->file, '/') ? strrchr(a->file, '/') + 1 : a->file;
  }
  xxgk_round_version v;
  xxgk_status st =
      xxgk_round_put(rd, a->round, a->agency, doc, bytes, n, source, &v);
  xxgk_free(bytes);
  if (st != XXGK_OK)
    return fail(rd);
  warn(rd);
  printf("第 %d 版（%s）SHA-256 %s：错误 %d，警告 %d，提示 %d，质量得分 ",
         v.version, v.source, v.sha256, v.errors, v.warnings, v.notices);
  if (v.score >= 0)
    printf("%d\n", v.score);
  else
    puts("无法评定");
  if (v.changes)
    printf("与上一版相比：\n%s", v.changes);
  if (a->draft)
    return 0;
  if (xxgk_round_submit(rd, a->round, a->agency) != XXGK_OK)
    return fail(rd);
  warn(rd);
  printf("已报送：%s\n", v.errors ? "有错误" : "已报送");
  return 0;
}

static int run_verb(xxgk_round *rd, int verb, const struct args *a) {
  int64_t id;
  int n = 0;
  struct board_out out = {a, 0};
  xxgk_board_filter f = {.state = xxgk_unit_state_find(a->state),
                         .late_only = a->late, .errors_only = a->errors};
  if (verb != OPEN && verb != LIST && need(a->round, "请给出 --round（轮次编号）"))
    return EXIT_UNREADABLE;
  if ((verb == UNIT || verb == NOTE || verb == RETURN || verb == APPROVE ||
       verb == VERSIONS) &&
      need(a->agency, "请给出 --agency（报送单位）"))
    return EXIT_UNREADABLE;
  switch (verb) {
  case OPEN:
    if (need(a->office, "请给出 --office（政务公开办所在机关）") ||
        need(a->year, "请给出 --year（报告年度）"))
      return EXIT_UNREADABLE;
    if (xxgk_round_new(rd, a->office, a->year, a->due, &id) != XXGK_OK)
      return fail(rd);
    cli_added(&a->o, id, "已开启 %d 年度报送轮次 %lld，截止 %s\n", a->year,
              (long long)id, a->due);
    return 0;
  case LIST:
    return xxgk_round_list(rd, a->office, print_round, (void *)a) != XXGK_OK
               ? fail(rd)
               : 0;
  case UNIT:
    if (xxgk_round_unit_add(rd, a->round, a->agency) != XXGK_OK)
      return fail(rd);
    printf("已把机关 %lld 加入报送轮次 %lld\n", (long long)a->agency,
           (long long)a->round);
    return 0;
  case SUBMIT:
    return submit(rd, a);
  case NOTE:
    if (xxgk_round_note_add(rd, a->round, a->agency, a->version, a->finding,
                            a->cell, a->office_side ? XXGK_SIDE_OFFICE : XXGK_SIDE_UNIT,
                            a->text, &id) != XXGK_OK)
      return fail(rd);
    printf("已记下意见 %lld\n", (long long)id);
    return 0;
  case RETURN:
    if (xxgk_round_return(rd, a->round, a->agency, a->text) != XXGK_OK)
      return fail(rd);
    puts("已退回");
    return 0;
  case APPROVE:
    if (xxgk_round_approve(rd, a->round, a->agency) != XXGK_OK)
      return fail(rd);
    warn(rd);
    puts("已通过");
    return 0;
  case PUBLISH: {
    xxgk_corpus *c;
    xxgk_status st = xxgk_corpus_open(cli_reg_path(&a->o), 0, &c);
    if (st != XXGK_OK) {
      cli_corpus_fail(c, "round");
      xxgk_corpus_close(c);
      return EXIT_UNREADABLE;
    }
    st = xxgk_round_publish(rd, a->round, c, &n);
    xxgk_corpus_close(c);
    if (st != XXGK_OK)
      return fail(rd);
    printf("已发布 %d 份报告到语料库\n", n);
    return 0;
  }
  case BOARD:
    if (a->export_to)
      return export(rd, verb, a, &f);
    if (xxgk_round_board(rd, a->round, &f, print_row, &out) != XXGK_OK)
      return fail(rd);
    board_end(&out);
    return 0;
  case LATE:
    if (xxgk_round_late(rd, a->round, print_row, &out) != XXGK_OK)
      return fail(rd);
    board_end(&out);
    /* a reminder list that is not empty is news: exit 1, as findings */
    return out.n ? EXIT_FINDINGS : 0;
  case REPORT:
    return office_report(rd, a);
  case RANKING:
    if (a->export_to)
      return export(rd, verb, a, NULL);
    if (xxgk_round_ranking(rd, a->round, print_rank, &out) != XXGK_OK)
      return fail(rd);
    board_end(&out);
    return 0;
  default:
    if (a->diff) {
      char *text;
      if (xxgk_round_diff(rd, a->round, a->agency, a->version,
                          a->o.json ? XXGK_DIFF_JSON : XXGK_DIFF_TEXT,
                          &text) != XXGK_OK)
        return fail(rd);
      cli_put(stdout, text);
      return 0;
    }
    if (xxgk_round_versions(rd, a->round, a->agency, print_version, NULL) !=
            XXGK_OK ||
        xxgk_round_notes(rd, a->round, a->agency, print_note, NULL) != XXGK_OK)
      return fail(rd);
    return 0;
  }
}

/* The round opens the register itself (xxgk_round_open), so the command
 * is not given one. */
static int run(const struct cli_call *c) {
  const struct args *a = c->args;
  xxgk_round *rd;
  if (xxgk_round_open(cli_reg_path(&a->o), 0, &rd) != XXGK_OK) {
    fail(rd);
    xxgk_round_close(rd);
    return EXIT_UNREADABLE;
  }
  int rc = cli_reg_setup(xxgk_round_reg(rd), &a->o, "round") != 0
               ? EXIT_UNREADABLE
               : run_verb(rd, c->verb, a);
  xxgk_round_close(rd);
  return rc;
}

const struct cli_cmd cli_cmd_round = {
    .name = "round",
    .summary = "年报报送与审核（open|submit|board|late|approve|publish…）",
    .run = run,
    .synopsis =
        "用法: xxgk round open --office ID --year 年度 --due 日期\n"
        "      xxgk round list [--office ID]\n"
        "      xxgk round unit --round ID --agency ID\n"
        "      xxgk round submit --round ID --agency ID (--from-register | "
        "--file FILE) [--draft]\n"
        "      xxgk round note --round ID --agency ID (--finding N | --cell 字段名)"
        " --text 文字 [--version N] [--as-office]\n"
        "      xxgk round return --round ID --agency ID --text 理由\n"
        "      xxgk round approve --round ID --agency ID\n"
        "      xxgk round board --round ID [--state 状态] [--late] [--errors]"
        " [--json]\n"
        "      xxgk round late --round ID [--json]\n"
        "      xxgk round versions --round ID --agency ID [--diff [--version N]"
        " [--json]]\n"
        "      xxgk round publish --round ID\n"
        "      xxgk round board --round ID --export csv|xlsx [-o FILE]\n"
        "      xxgk round ranking --round ID [--export csv|xlsx [-o FILE]]\n"
        "      xxgk round report --round ID [--sum-units] [--previous FILE]"
        " [--to FMT] [-o FILE]\n"
        "\n"
        "政务公开办的年度报告报送轮次：open 开启某年度的报送（其下各单位均须\n"
        "报送；不用登记簿的单位先用 xxgk agency add --parent 登记、用 unit 加入）。\n"
        "submit 由单位报送：从登记簿生成或上传文件，当即读取、检查（含与上年\n"
        "报告的 Y1–Y3 比较）、评分，每一版连同 SHA-256 保存，并列出与上一版\n"
        "的变化；--draft 只存草稿，单位可先用 note 逐条答复检查意见再报送。\n"
        "政务公开办用 return 退回（须写理由）或 approve 通过；publish 把已通过\n"
        "的报告写入语料库。board 每个单位一行：未报送、已报送、有错误、已退回、\n"
        "已通过、已发布；late 列出逾期未报送的单位（有则退出码 1）。ranking 按\n"
        "质量得分给各单位排名并说明每个失分项；board 和 ranking 可用 --export\n"
        "导出 CSV 或 XLSX 报送上级。report 生成政务公开办本机关的年度报告：\n"
        "由本机关登记簿生成（不含下级单位），--sum-units 再加上各单位已通过的\n"
        "报告（汇总，按本地做法），并照常检查（--previous 给出上年报告时含\n"
        "Y1–Y3）；未计入的单位写到标准错误。\n",
    .epilog =
        "退出码: 0 成功；1 late 列出了逾期单位，或 report 的报告有错误；\n"
        "        2 输入有误或被拒绝。\n"
        "\n"
        "示例:\n"
        "  xxgk round open --office 1 --year 2024 --due 2025-01-31\n"
        "  xxgk round submit --round 1 --agency 2 --from-register\n"
        "  xxgk round submit --round 1 --agency 3 --file 年报.docx --draft\n"
        "  xxgk round note --round 1 --agency 3 --finding 1 --text "
        "按签发原件填写\n"
        "  xxgk round note --round 1 --agency 3 --as-office --cell "
        "applications.granted.natural_person --text 请核对\n"
        "  xxgk round return --round 1 --agency 3 --text 表三合计有误\n"
        "  xxgk round board --round 1 --late --json\n"
        "  xxgk round versions --round 1 --agency 3 --diff\n"
        "  xxgk round publish --round 1\n"
        "  xxgk round board --round 1 --export xlsx -o 报送情况.xlsx\n"
        "  xxgk round ranking --round 1 --export csv -o 质量排名.csv\n"
        "  xxgk round report --round 1 --sum-units --to docx -o 年度报告.docx\n",
    .opts = OPTS,
    .common = reg_common,
    .max_pos = 1,
    .verbs = (const struct cli_verb[]){{"open", 0},
                                       {"list", 0},
                                       {"unit", 0},
                                       {"submit", 0},
                                       {"note", 0},
                                       {"return", 0},
                                       {"approve", 0},
                                       {"publish", 0},
                                       {"board", 0},
                                       {"late", 0},
                                       {"versions", 0},
                                       {"ranking", 0},
                                       {"report", 0},
                                       {NULL, 0}},
    .args_size = sizeof(struct args),
};
