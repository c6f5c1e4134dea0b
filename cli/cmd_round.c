/*
 * cmd_round.c — `xxgk round …`: the office's round of annual reports
 * (年报报送/审核): open it, let units submit (from the register or a file),
 * note findings, return or approve, list the board and the late units,
 * publish into the corpus. The workflow is the library's (xxgk_round.h).
 */
#include "reg_cli.h"
#include "xxgk_corpus.h"
#include "xxgk_round.h"

#include <stdlib.h>
#include <string.h>

struct args {
  struct reg_opts o; /* first: reg_common's offsets */
  int64_t office, round, agency;
  int year, version, finding, from_register, draft, office_side, late,
      errors;
  const char *due, *file, *text, *state;
};

static const char *const STATES[] = {"pending",  "submitted", "errors",
                                     "returned", "approved",  "published",
                                     NULL};

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
                "版本（note；默认最新版）"),
    CLI_OPT_INT("finding", 0, struct args, finding, "N", 0, 100000,
                "第几条检查意见，0 为整份报告（note）"),
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
    CLI_OPT_END,
};

enum { OPEN, LIST, UNIT, SUBMIT, NOTE, RETURN, APPROVE, PUBLISH, BOARD, LATE,
       VERSIONS };

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

struct board_out {
  const struct args *a;
  int n;
};

static int print_row(void *ctx, const xxgk_board_row *b) {
  struct board_out *o = ctx;
  if (o->a->o.json) {
    printf("%s{\"agency_id\": %lld, \"agency\": ", o->n ? ",\n " : "[",
           (long long)b->agency_id);
    cli_json_str(stdout, b->agency);
    printf(", \"state\": \"%s\", \"state_label\": \"%s\", \"version\": %d,"
           " \"submitted\": ",
           xxgk_unit_state_key(b->state), xxgk_unit_state_label(b->state),
           b->version);
    cli_json_str(stdout, b->submitted);
    printf(", \"late_days\": %d, \"errors\": %d, \"warnings\": %d,"
           " \"notices\": %d, \"score\": ",
           b->late_days, b->errors, b->warnings, b->notices);
    if (b->score >= 0)
      printf("%d", b->score);
    else
      fputs("null", stdout);
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
  char on[32] = "整份报告";
  if (n->finding)
    snprintf(on, sizeof on, "第 %d 条意见", n->finding);
  printf("  第 %d 版 %s %s（%s）：%s\n", n->version, on, n->who,
         n->side == XXGK_SIDE_OFFICE ? "政务公开办" : "单位", n->text);
  return 0;
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
    FILE *f = strcmp(a->file, "-") == 0 ? stdin : fopen(a->file, "rb");
    bytes = f ? cli_slurp(f, XXGK_MAX_INPUT, &n) : NULL;
    if (f && f != stdin)
      fclose(f);
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
    if (a->o.json)
      printf("{\"id\": %lld}\n", (long long)id);
    else
      printf("已开启 %d 年度报送轮次 %lld，截止 %s\n", a->year, (long long)id,
             a->due);
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
                            a->office_side ? XXGK_SIDE_OFFICE : XXGK_SIDE_UNIT,
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
      fprintf(stderr, "xxgk round: %s\n", xxgk_corpus_errmsg(c));
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
  default:
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
        "      xxgk round note --round ID --agency ID --finding N --text 文字"
        " [--version N] [--as-office]\n"
        "      xxgk round return --round ID --agency ID --text 理由\n"
        "      xxgk round approve --round ID --agency ID\n"
        "      xxgk round board --round ID [--state 状态] [--late] [--errors]"
        " [--json]\n"
        "      xxgk round late --round ID [--json]\n"
        "      xxgk round versions --round ID --agency ID\n"
        "      xxgk round publish --round ID\n"
        "\n"
        "政务公开办的年度报告报送轮次：open 开启某年度的报送（其下各单位均须\n"
        "报送；不用登记簿的单位先用 xxgk agency add --parent 登记、用 unit 加入）。\n"
        "submit 由单位报送：从登记簿生成或上传文件，当即读取、检查（含与上年\n"
        "报告的 Y1–Y3 比较）、评分，每一版连同 SHA-256 保存，并列出与上一版\n"
        "的变化；--draft 只存草稿，单位可先用 note 逐条答复检查意见再报送。\n"
        "政务公开办用 return 退回（须写理由）或 approve 通过；publish 把已通过\n"
        "的报告写入语料库。board 每个单位一行：未报送、已报送、有错误、已退回、\n"
        "已通过、已发布；late 列出逾期未报送的单位（有则退出码 1）。\n",
    .epilog =
        "退出码: 0 成功；1 late 列出了逾期单位；2 输入有误或被拒绝。\n"
        "\n"
        "示例:\n"
        "  xxgk round open --office 1 --year 2024 --due 2025-01-31\n"
        "  xxgk round submit --round 1 --agency 2 --from-register\n"
        "  xxgk round submit --round 1 --agency 3 --file 年报.docx --draft\n"
        "  xxgk round note --round 1 --agency 3 --finding 1 --text "
        "按签发原件填写\n"
        "  xxgk round return --round 1 --agency 3 --text 表三合计有误\n"
        "  xxgk round board --round 1 --late --json\n"
        "  xxgk round publish --round 1\n",
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
                                       {NULL, 0}},
    .args_size = sizeof(struct args),
};
