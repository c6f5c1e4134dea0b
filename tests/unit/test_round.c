/*
 * test_round.c — the round's state machine on a fresh register: a unit
 * submits from its register (已报送), another a report with an error
 * (有错误), answers the finding, is returned with a note (已退回),
 * resubmits corrected (已报送, the change listed) and is approved (已通过)
 * and published (已发布, in the corpus); a third is late (the reminders),
 * and what the states forbid is refused without a write.
 *   test_round DATA_DIR
 */
#include "h_db.h"
#include "harness.h"
#include "xxgk_corpus.h"
#include "xxgk_round.h"

#include <stdlib.h>

static char *slurp(const char *path, size_t *n) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  fseek(f, 0, SEEK_END);
  long len = ftell(f);
  rewind(f);
  char *s = malloc((size_t)len + 1);
  *n = fread(s, 1, (size_t)len, f);
  s[*n] = 0;
  fclose(f);
  return s;
}

static xxgk_unit_state got;
static int rows, late_days;
static int take(void *ctx, const xxgk_board_row *b) {
  if (b->agency_id == *(int64_t *)ctx) {
    got = b->state;
    late_days = b->late_days;
  }
  rows++;
  return 0;
}

static int take_row(void *ctx, const xxgk_board_row *b) {
  *(xxgk_board_row *)ctx = *b;
  return 0;
}

/* The ranking as "rank:agency_id:score:lost?" lines. */
static int rank_line(void *ctx, const xxgk_round_rank *r) {
  char line[96];
  snprintf(line, sizeof line, "%d:%lld:%d:%s\n", r->rank,
           (long long)r->agency_id, r->score,
           !r->lost ? "-" : strstr(r->lost, "[A3] 0/5：") ? "A3" : "?");
  strcat(ctx, line);
  return 0;
}

static xxgk_unit_state state_of(xxgk_round *rd, int64_t round, int64_t unit) {
  got = -1;
  rows = 0;
  xxgk_board_filter f = {.agency_id = unit, .state = -1};
  CHECK_INT(xxgk_round_board(rd, round, &f, take, &unit), XXGK_OK);
  CHECK_INT(rows, 1); /* a unit's view holds its row only */
  return got;
}

/* The sample of 2023 as a report of 2024, with its grand total off by one
 * when `bad` (rule A3). */
static xxgk_doc *sample(const char *data, int bad, char **text, size_t *n) {
  char path[512];
  snprintf(path, sizeof path, "%s/laocheng-2023.txt", data);
  *text = slurp(path, n);
  CHECK(*text != NULL, "cannot read %s", path);
  for (char *p = *text; (p = strstr(p, "2023")); p += 4)
    p[3] = '4';
  char *total = strstr(*text, "(七) 总计\t\t126");
  CHECK(total != NULL, "sample's total row not found");
  if (bad && total)
    memcpy(strstr(total, "126"), "127", 3);
  xxgk_doc *d;
  xxgk_read(*text, *n, &d);
  return d;
}

int main(int argc, char **argv) {
  h_db_start();
  const char *data = argc > 1 ? argv[1] : "tests/data";
  char dir[] = "/tmp/xxgk-round-XXXXXX", path[512];
  CHECK(mkdtemp(dir) != NULL, "mkdtemp");
  snprintf(path, sizeof path, "%s/r.db", dir);
  if (h_pg())
    snprintf(path, sizeof path, "%s", h_db());
  xxgk_round *rd;
  CHECK_INT(xxgk_round_open(path, XXGK_OPT_CREATE, &rd), XXGK_OK);
  xxgk_reg *r = xxgk_round_reg(rd);
  xxgk_reg_set_user(r, "测试");
  xxgk_date today;
  xxgk_date_parse("2025-01-20", &today);
  xxgk_reg_set_today(r, today);
  xxgk_agency office = {.name = "某区政务公开办"};
  CHECK_INT(xxgk_reg_agency_add(r, &office), XXGK_OK);
  xxgk_agency u[3] = {{.name = "某区教育局", .parent_id = office.id},
                      {.name = "某区卫健委", .parent_id = office.id},
                      {.name = "某区民政局", .parent_id = office.id}};
  for (int i = 0; i < 3; i++)
    CHECK_INT(xxgk_reg_agency_add(r, &u[i]), XXGK_OK);
  int64_t id, none;
  CHECK_INT(xxgk_round_new(rd, office.id, 2024, "2024-12-01", &id),
            XXGK_E_REFUSED); /* due before the year is over */
  CHECK_INT(xxgk_round_new(rd, u[0].id, 2024, "2025-01-31", &none),
            XXGK_E_REFUSED); /* a unit has no units */
  CHECK_INT(xxgk_round_new(rd, office.id, 2024, "2025-01-31", &id), XXGK_OK);
  CHECK_INT(xxgk_round_new(rd, office.id, 2024, "2025-02-28", &none),
            XXGK_E_REFUSED); /* one round a year */
  for (int i = 0; i < 3; i++)
    CHECK_INT(state_of(rd, id, u[i].id), XXGK_UNIT_PENDING);
  CHECK_INT(xxgk_round_submit(rd, id, u[0].id), XXGK_E_REFUSED); /* no version */

  /* unit 0: from its register, on time */
  xxgk_doc *d;
  CHECK_INT(xxgk_reg_report(r, u[0].id, 2024, &d), XXGK_OK);
  xxgk_round_version v;
  CHECK_INT(xxgk_round_put(rd, id, u[0].id, d, NULL, 0, NULL, &v), XXGK_OK);
  CHECK_INT(v.version, 1);
  CHECK_INT(v.errors, 0);
  CHECK_INT(state_of(rd, id, u[0].id), XXGK_UNIT_PENDING); /* a draft */
  CHECK_INT(xxgk_round_submit(rd, id, u[0].id), XXGK_OK);
  CHECK_INT(state_of(rd, id, u[0].id), XXGK_UNIT_SUBMITTED);
  CHECK_INT(late_days, 0);

  /* unit 1: an upload with an error, answered, returned, resubmitted */
  char *text;
  size_t n;
  d = sample(data, 1, &text, &n);
  CHECK_INT(xxgk_round_put(rd, id, u[1].id, d, text, n, "年报.txt", &v),
            XXGK_OK);
  CHECK(v.errors > 0, "the wrong total is an error");
  CHECK(v.has_original && strlen(v.sha256) == 64, "original and hash kept");
  CHECK_INT(xxgk_round_note_add(rd, id, u[1].id, 0, 1, NULL, XXGK_SIDE_UNIT,
                                "按签发原件填写", NULL),
            XXGK_OK);
  CHECK_INT(xxgk_round_note_add(rd, id, u[1].id, 0, 99, NULL, XXGK_SIDE_UNIT,
                                "x", NULL),
            XXGK_E_REFUSED); /* no such finding */
  /* a note on a cell names it by the dictionary's key, and only so */
  CHECK_INT(xxgk_round_note_add(rd, id, u[1].id, 0, 0,
                                "applications.granted.natural_person",
                                XXGK_SIDE_OFFICE, "请核对", NULL),
            XXGK_OK);
  CHECK_INT(xxgk_round_note_add(rd, id, u[1].id, 0, 0, "applications.nope",
                                XXGK_SIDE_OFFICE, "x", NULL),
            XXGK_E_REFUSED);
  CHECK_INT(xxgk_round_note_add(rd, id, u[1].id, 0, 1,
                                "applications.granted.natural_person",
                                XXGK_SIDE_OFFICE, "x", NULL),
            XXGK_E_REFUSED); /* a finding or a cell, not both */
  CHECK_INT(xxgk_round_submit(rd, id, u[1].id), XXGK_OK);
  CHECK_INT(state_of(rd, id, u[1].id), XXGK_UNIT_ERRORS);
  /* ranked best first, the lost point explained with its rule; the unit
   * with no report last, unranked */
  char ranking[256] = "", want[256];
  CHECK_INT(xxgk_round_ranking(rd, id, rank_line, ranking), XXGK_OK);
  snprintf(want, sizeof want, "1:%lld:100:-\n2:%lld:81:A3\n-1:%lld:-1:-\n",
           (long long)u[0].id, (long long)u[1].id, (long long)u[2].id);
  CHECK_STR(ranking, want);
  CHECK_INT(xxgk_round_return(rd, id, u[1].id, ""), XXGK_E_REFUSED);
  CHECK_INT(xxgk_round_return(rd, id, u[1].id, "总计与各项之和不符"), XXGK_OK);
  CHECK_INT(state_of(rd, id, u[1].id), XXGK_UNIT_RETURNED);
  CHECK_INT(xxgk_round_approve(rd, id, u[1].id), XXGK_E_REFUSED);
  free(text);
  d = sample(data, 0, &text, &n);
  CHECK_INT(xxgk_round_put(rd, id, u[1].id, d, text, n, "年报.txt", &v),
            XXGK_OK);
  CHECK_INT(v.version, 2);
  CHECK_INT(v.errors, 0);
  CHECK(v.changes && strstr(v.changes, "127 → 126"), "the change: %s",
        v.changes ? v.changes : "(none)");
  /* version to version, not year over year: the sides named so, the
   * findings the new version resolved listed, and the same text again on
   * demand */
  CHECK(v.changes && strstr(v.changes, "上一版：第 1 版（年报.txt）") &&
            strstr(v.changes, "已解决3条检查意见") &&
            !strstr(v.changes, "年度比较"),
        "versions compared: %s", v.changes ? v.changes : "(none)");
  char *again;
  CHECK_INT(xxgk_round_diff(rd, id, u[1].id, 0, XXGK_DIFF_TEXT, &again),
            XXGK_OK);
  CHECK_STR(again, v.changes);
  xxgk_free(again);
  CHECK_INT(xxgk_round_diff(rd, id, u[1].id, 1, XXGK_DIFF_TEXT, &again),
            XXGK_E_REFUSED); /* the first version has none before */
  CHECK(again == NULL, "nothing handed out when refused");
  char *orig;
  size_t on;
  const char *name;
  CHECK_INT(xxgk_round_original(rd, id, u[1].id, 2, &orig, &on, &name),
            XXGK_OK);
  CHECK(on == n && memcmp(orig, text, n) == 0, "the original comes back");
  CHECK_STR(name, "年报.txt");
  xxgk_free(orig);
  CHECK_INT(xxgk_round_original(rd, id, u[0].id, 1, &orig, &on, &name),
            XXGK_E_REFUSED); /* built from the register: no file */
  free(text);
  CHECK_INT(xxgk_round_submit(rd, id, u[1].id), XXGK_OK);
  CHECK_INT(state_of(rd, id, u[1].id), XXGK_UNIT_SUBMITTED);
  CHECK_INT(xxgk_round_approve(rd, id, u[1].id), XXGK_OK);
  CHECK_INT(state_of(rd, id, u[1].id), XXGK_UNIT_APPROVED);
  d = sample(data, 0, &text, &n);
  CHECK_INT(xxgk_round_put(rd, id, u[1].id, d, text, n, "x.txt", NULL),
            XXGK_E_REFUSED); /* approved: no new version */
  free(text);

  /* unit 2 is late once the due date passed */
  xxgk_date_parse("2025-02-05", &today);
  xxgk_reg_set_today(r, today);
  CHECK_INT(state_of(rd, id, u[2].id), XXGK_UNIT_PENDING);
  CHECK_INT(late_days, 5);
  /* the board as the office sends it on: the late unit's row says so */
  char *csv;
  size_t csv_n;
  CHECK_INT(xxgk_round_board_export(rd, id, NULL, XXGK_QUEUE_CSV, &csv,
                                    &csv_n),
            XXGK_OK);
  static const char head[] = "\xEF\xBB\xBF单位,状态,版本";
  CHECK(csv_n > sizeof head && memcmp(csv, head, sizeof head - 1) == 0 &&
            strstr(csv, "\r\n某区民政局,未报送,,,,,,,2025-01-31,5,"
                        "未报送，已逾期5天\r\n"),
        "board csv: %s", csv);
  xxgk_free(csv);
  CHECK_INT(xxgk_round_board_export(rd, id, NULL, (xxgk_queue_format)7, &csv,
                                    &csv_n),
            XXGK_E_REFUSED);
  CHECK(csv == NULL && csv_n == 0, "nothing handed out when refused");
  rows = 0;
  CHECK_INT(xxgk_round_late(rd, id, take, &u[2].id), XXGK_OK);
  CHECK_INT(rows, 1); /* unit 2 only: the others submitted */
  CHECK_INT(xxgk_round_put(rd, id, u[2].id,
                           (xxgk_reg_report(r, u[2].id, 2024, &d), d), NULL,
                           0, NULL, NULL),
            XXGK_OK);
  CHECK_INT(xxgk_round_submit(rd, id, u[2].id), XXGK_OK);
  CHECK(strstr(xxgk_round_warning(rd), "逾期") != NULL, "late warned: %s",
        xxgk_round_warning(rd));
  CHECK_INT(state_of(rd, id, u[2].id), XXGK_UNIT_SUBMITTED);
  CHECK_INT(late_days, 5);

  /* publication: the approved one only */
  xxgk_corpus *c;
  CHECK_INT(xxgk_corpus_open(path, 0, &c), XXGK_OK);
  int published = 0;
  CHECK_INT(xxgk_round_publish(rd, id, c, &published), XXGK_OK);
  CHECK_INT(published, 1);
  CHECK_INT(state_of(rd, id, u[1].id), XXGK_UNIT_PUBLISHED);
  CHECK_INT(state_of(rd, id, u[0].id), XXGK_UNIT_SUBMITTED);
  CHECK_INT(xxgk_round_publish(rd, id, c, &published), XXGK_OK);
  CHECK_INT(published, 0); /* nothing twice */
  xxgk_corpus_close(c);

  /* the versions and notes stay as written */
  char *json;
  CHECK_INT(xxgk_reg_export(r, &json), XXGK_OK);
  CHECK(strstr(json, "\"round_note\"") && strstr(json, "按签发原件填写"),
        "notes exported");
  CHECK(strstr(json, "round.approve") != NULL, "approval audited");
  xxgk_free(json);

  /* a unit that keeps no register: nothing built from one is taken */
  xxgk_agency w = {.name = "某区气象局", .parent_id = office.id,
                   .no_register = 1};
  CHECK_INT(xxgk_reg_agency_add(r, &w), XXGK_OK);
  CHECK_INT(xxgk_round_unit_add(rd, id, w.id), XXGK_OK);
  CHECK_INT(xxgk_round_put(rd, id, w.id,
                           (xxgk_reg_report(r, w.id, 2024, &d), d), NULL, 0,
                           NULL, NULL),
            XXGK_E_REFUSED);
  CHECK(strstr(xxgk_reg_errmsg(r), "不使用登记簿") != NULL, "why: %s",
        xxgk_reg_errmsg(r));
  xxgk_board_filter wf = {.agency_id = w.id, .state = -1};
  xxgk_board_row wr = {0};
  CHECK_INT(xxgk_round_board(rd, id, &wf, take_row, &wr), XXGK_OK);
  CHECK_INT(wr.no_register, 1);
  d = sample(data, 1, &text, &n);
  CHECK_INT(xxgk_round_put(rd, id, w.id, d, text, n, "年报.txt", NULL),
            XXGK_OK); /* an upload is */
  free(text);
  xxgk_round_close(rd);
  h_remove_db(dir, path);
  return h_summary();
}
