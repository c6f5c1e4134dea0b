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

#include "cmd_round.h"

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
      verb == VERB_BOARD
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
  if (verb != VERB_OPEN && verb != VERB_LIST &&
      need(a->round, "请给出 --round（轮次编号）"))
    return EXIT_UNREADABLE;
  if ((verb == VERB_UNIT || verb == VERB_NOTE || verb == VERB_RETURN ||
       verb == VERB_APPROVE || verb == VERB_VERSIONS) &&
      need(a->agency, "请给出 --agency（报送单位）"))
    return EXIT_UNREADABLE;
  switch (verb) {
  case VERB_OPEN:
    if (need(a->office, "请给出 --office（政务公开办所在机关）") ||
        need(a->year, "请给出 --year（报告年度）"))
      return EXIT_UNREADABLE;
    if (xxgk_round_new(rd, a->office, a->year, a->due, &id) != XXGK_OK)
      return fail(rd);
    cli_added(&a->o, id, "已开启 %d 年度报送轮次 %lld，截止 %s\n", a->year,
              (long long)id, a->due);
    return 0;
  case VERB_LIST:
    return xxgk_round_list(rd, a->office, print_round, (void *)a) != XXGK_OK
               ? fail(rd)
               : 0;
  case VERB_UNIT:
    if (xxgk_round_unit_add(rd, a->round, a->agency) != XXGK_OK)
      return fail(rd);
    printf("已把机关 %lld 加入报送轮次 %lld\n", (long long)a->agency,
           (long long)a->round);
    return 0;
  case VERB_SUBMIT: return submit(rd, a);
  case VERB_NOTE:
    if (xxgk_round_note_add(rd, a->round, a->agency, a->version, a->finding,
                            a->cell, a->office_side ? XXGK_SIDE_OFFICE : XXGK_SIDE_UNIT,
                            a->text, &id) != XXGK_OK)
      return fail(rd);
    printf("已记下意见 %lld\n", (long long)id);
    return 0;
  case VERB_RETURN:
    if (xxgk_round_return(rd, a->round, a->agency, a->text) != XXGK_OK)
      return fail(rd);
    puts("已退回");
    return 0;
  case VERB_APPROVE:
    if (xxgk_round_approve(rd, a->round, a->agency) != XXGK_OK)
      return fail(rd);
    warn(rd);
    puts("已通过");
    return 0;
  case VERB_PUBLISH: {
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
  case VERB_BOARD:
    if (a->export_to)
      return export(rd, verb, a, &f);
    if (xxgk_round_board(rd, a->round, &f, print_row, &out) != XXGK_OK)
      return fail(rd);
    board_end(&out);
    return 0;
  case VERB_LATE:
    if (xxgk_round_late(rd, a->round, print_row, &out) != XXGK_OK)
      return fail(rd);
    board_end(&out);
    /* a reminder list that is not empty is news: exit 1, as findings */
    return out.n ? EXIT_FINDINGS : 0;
  case VERB_REPORT: return office_report(rd, a);
  case VERB_RANKING:
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
