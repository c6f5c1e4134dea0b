/*
 * test_reg_web.c — the register's additions for the web application
 * logins with Argon2id hashes (right, wrong and unknown logins
 * answer alike; the audit log never holds a hash), the agency-tree test,
 * paged and filtered application queries, applicants' secret codes, the
 * narrative parts, and the lists of reviews, records and figures. Every
 * register here is ":memory:".
 */
#include "h_db.h"
#include "harness.h"
#include "xxgk_register.h"

#include <stdlib.h>
#include <string.h>

struct world {
  xxgk_reg *r;
  int64_t office, edu, land;
};

static void setup(struct world *w) {
  xxgk_status st;
  st = xxgk_reg_open(h_db(), XXGK_OPT_CREATE, &w->r);
  CHECK_INT(st, XXGK_OK);
  xxgk_reg_set_user(w->r, "test");
  xxgk_reg_set_clock(w->r, "2025-03-01T09:00:00Z");
  xxgk_agency a = {.name = "示例市人民政府办公室"};
  CHECK_INT(xxgk_reg_agency_add(w->r, &a), XXGK_OK);
  w->office = a.id;
  xxgk_agency b = {.parent_id = a.id, .name = "示例市教育局"};
  CHECK_INT(xxgk_reg_agency_add(w->r, &b), XXGK_OK);
  w->edu = b.id;
  xxgk_agency c = {.parent_id = a.id, .name = "示例市自然资源局"};
  CHECK_INT(xxgk_reg_agency_add(w->r, &c), XXGK_OK);
  w->land = c.id;
}

static int64_t add_case(struct world *w, int64_t agency, const char *day,
                        const char *cat, const char *name,
                        const char *content) {
  xxgk_case c = {.agency_id = agency, .channel = "网络", .received = day,
                 .category = cat, .name = name, .content = content,
                 .id_number = "110101199003071234", .contact = "13812345678"};
  CHECK_INT(xxgk_reg_case_new(w->r, &c), XXGK_OK);
  return c.id;
}

static int list_users(void *ctx, const xxgk_user *u) {
  char *seen = ctx;
  snprintf(seen + strlen(seen), 256 - strlen(seen), "%s/%s;", u->name,
           u->login);
  return 0;
}

static void test_logins(void) {
  struct world w;
  setup(&w);
  CHECK_INT(xxgk_reg_user_set_login(w.r, w.edu, "李静", "jiaoyu",
                                    "correct horse"),
            XXGK_OK);
  CHECK_INT(xxgk_reg_user_set_login(w.r, w.office, "王敏", "dubanshi",
                                    "battery staple"),
            XXGK_OK);
  /* refused: short password, bad login, a login another user has */
  CHECK_INT(xxgk_reg_user_set_login(w.r, w.edu, "赵", "zhao", "short"),
            XXGK_E_REFUSED);
  CHECK_INT(xxgk_reg_user_set_login(w.r, w.edu, "赵", "Zhao Li", "longenough"),
            XXGK_E_REFUSED);
  CHECK_INT(xxgk_reg_user_set_login(w.r, w.land, "张伟", "jiaoyu",
                                    "longenough"),
            XXGK_E_REFUSED);
  CHECK(strstr(xxgk_reg_errmsg(w.r), "已被别的用户使用") != NULL, "%s",
        xxgk_reg_errmsg(w.r));
  /* the users of an agency and its units, never a hash */
  char seen[256] = "";
  CHECK_INT(xxgk_reg_user_list(w.r, w.office, list_users, seen), XXGK_OK);
  CHECK_STR(seen, "王敏/dubanshi;李静/jiaoyu;");
  seen[0] = 0;
  CHECK_INT(xxgk_reg_user_list(w.r, w.edu, list_users, seen), XXGK_OK);
  CHECK_STR(seen, "李静/jiaoyu;");
  seen[0] = 0;
  CHECK_INT(xxgk_reg_user_list(w.r, w.land, list_users, seen), XXGK_OK);
  CHECK_STR(seen, "");
  xxgk_user u;
  CHECK_INT(xxgk_reg_user_login(w.r, "jiaoyu", "correct horse", &u), XXGK_OK);
  CHECK_STR(u.name, "李静");
  CHECK_STR(u.agency, "示例市教育局");
  CHECK_INT(u.agency_id, w.edu);
  CHECK_INT(u.n_units, 0);
  CHECK_INT(xxgk_reg_user_login(w.r, "jiaoyu", "wrong horse", &u),
            XXGK_E_REFUSED);
  char wrong[256];
  snprintf(wrong, sizeof wrong, "%s", xxgk_reg_errmsg(w.r));
  CHECK_INT(u.id, 0);
  CHECK_INT(xxgk_reg_user_login(w.r, "nobody", "correct horse", &u),
            XXGK_E_REFUSED);
  CHECK_STR(xxgk_reg_errmsg(w.r), wrong); /* the same answer */
  CHECK_INT(xxgk_reg_user_login(w.r, "dubanshi", "battery staple", &u),
            XXGK_OK);
  CHECK_INT(u.n_units, 2);
  xxgk_user g;
  CHECK_INT(xxgk_reg_user_get(w.r, u.id, &g), XXGK_OK);
  CHECK_STR(g.login, "dubanshi");
  CHECK_INT(xxgk_reg_user_get(w.r, 999, &g), XXGK_E_REFUSED);
  /* a new password replaces the old one */
  CHECK_INT(xxgk_reg_user_set_login(w.r, w.edu, "李静", "jiaoyu",
                                    "new password"),
            XXGK_OK);
  CHECK_INT(xxgk_reg_user_login(w.r, "jiaoyu", "correct horse", &u),
            XXGK_E_REFUSED);
  CHECK_INT(xxgk_reg_user_login(w.r, "jiaoyu", "new password", &u), XXGK_OK);
  /* the audit log names the logins, never a hash */
  char *json = NULL;
  CHECK_INT(xxgk_reg_export(w.r, &json), XXGK_OK);
  const char *audit = strstr(json, "\"audit\"");
  CHECK(audit && strstr(audit, "user.login") != NULL, "audit has user.login");
  CHECK(audit && strstr(audit, "$argon2id$") == NULL, "no hash in the audit");
  CHECK(strstr(json, "$argon2id$") != NULL, "the hash is stored");
  xxgk_free(json);
  int in = -1;
  CHECK_INT(xxgk_reg_agency_within(w.r, w.office, w.edu, &in), XXGK_OK);
  CHECK_INT(in, 1);
  CHECK_INT(xxgk_reg_agency_within(w.r, w.edu, w.land, &in), XXGK_OK);
  CHECK_INT(in, 0);
  CHECK_INT(xxgk_reg_agency_within(w.r, w.edu, w.office, &in), XXGK_OK);
  CHECK_INT(in, 0);
  CHECK_INT(xxgk_reg_agency_within(w.r, w.edu, w.edu, &in), XXGK_OK);
  CHECK_INT(in, 1);
  xxgk_reg_close(w.r);
}

struct seen {
  int n;
  char tracking[16][32];
};

static int see(void *ctx, const xxgk_case_row *row) {
  struct seen *s = ctx;
  if (s->n < 16)
    snprintf(s->tracking[s->n], 32, "%s", row->c.tracking);
  s->n++;
  return 0;
}

struct dues {
  int n;
  int64_t id[8];
  int open[8], has[8];
  xxgk_due due[8];
};

static int due_rows(void *ctx, const xxgk_case_row *row) {
  struct dues *u = ctx;
  if (u->n < 8) {
    u->id[u->n] = row->c.id;
    u->open[u->n] = !row->final_kind;
    u->has[u->n] = row->due != NULL;
    if (row->due)
      u->due[u->n] = *row->due;
  }
  u->n++;
  return 0;
}

static void test_query(void) {
  struct world w;
  setup(&w);
  int64_t a = add_case(&w, w.edu, "2024-03-01", "natural_person", "李四",
                       "招生划片范围");
  add_case(&w, w.edu, "2024-03-05", "commercial", "宏达公司", "收费标准");
  add_case(&w, w.land, "2024-04-01", "natural_person", "王五", "征地批复");
  int64_t d = add_case(&w, w.land, "2024-05-06", "legal_services",
                       "德信律所 100%_", "规划许可");
  xxgk_event e = {.case_id = a, .kind = XXGK_EV_REPLY, .date = "2024-03-15",
                  .outcome = "granted"};
  CHECK_INT(xxgk_reg_event_add(w.r, &e), XXGK_OK);
  xxgk_event f = {.case_id = d, .kind = XXGK_EV_REPLY, .date = "2024-05-20",
                  .outcome = "unable_not_held"};
  CHECK_INT(xxgk_reg_event_add(w.r, &f), XXGK_OK);
  struct seen s = {0};
  int64_t total = -1;
  xxgk_case_query q = {.agency_id = w.office};
  CHECK_INT(xxgk_reg_case_query(w.r, &q, &total, see, &s), XXGK_OK);
  CHECK_INT(total, 4);
  CHECK_INT(s.n, 4);
  CHECK_STR(s.tracking[0], "2024-00004"); /* newest first */
  memset(&s, 0, sizeof s);
  q = (xxgk_case_query){.agency_id = w.edu};
  CHECK_INT(xxgk_reg_case_query(w.r, &q, &total, see, &s), XXGK_OK);
  CHECK_INT(total, 2);
  memset(&s, 0, sizeof s);
  q = (xxgk_case_query){.agency_id = w.office, .limit = 2, .offset = 2};
  CHECK_INT(xxgk_reg_case_query(w.r, &q, &total, see, &s), XXGK_OK);
  CHECK_INT(total, 4);
  CHECK_INT(s.n, 2);
  CHECK_STR(s.tracking[0], "2024-00002");
  memset(&s, 0, sizeof s);
  q = (xxgk_case_query){.state = XXGK_CASES_OPEN};
  CHECK_INT(xxgk_reg_case_query(w.r, &q, &total, see, &s), XXGK_OK);
  CHECK_INT(total, 2);
  q = (xxgk_case_query){.state = XXGK_CASES_CLOSED, .outcome = "granted"};
  memset(&s, 0, sizeof s);
  CHECK_INT(xxgk_reg_case_query(w.r, &q, &total, see, &s), XXGK_OK);
  CHECK_INT(total, 1);
  CHECK_STR(s.tracking[0], "2024-00001");
  q = (xxgk_case_query){.category = "commercial"};
  CHECK_INT(xxgk_reg_case_query(w.r, &q, &total, see, &s), XXGK_OK);
  CHECK_INT(total, 1);
  q = (xxgk_case_query){.from = "2024-03-02", .to = "2024-04-30"};
  CHECK_INT(xxgk_reg_case_query(w.r, &q, &total, see, &s), XXGK_OK);
  CHECK_INT(total, 2);
  /* search: name, content, tracking; % and _ are plain characters */
  q = (xxgk_case_query){.search = "征地"};
  CHECK_INT(xxgk_reg_case_query(w.r, &q, &total, see, &s), XXGK_OK);
  CHECK_INT(total, 1);
  q = (xxgk_case_query){.search = "%_"};
  CHECK_INT(xxgk_reg_case_query(w.r, &q, &total, see, &s), XXGK_OK);
  CHECK_INT(total, 1);
  q = (xxgk_case_query){.search = "2024-0000"};
  CHECK_INT(xxgk_reg_case_query(w.r, &q, &total, see, &s), XXGK_OK);
  CHECK_INT(total, 4);
  q = (xxgk_case_query){.search = ""}; /* empty: no filter */
  CHECK_INT(xxgk_reg_case_query(w.r, &q, &total, see, &s), XXGK_OK);
  CHECK_INT(total, 4);
  q = (xxgk_case_query){.state = (xxgk_case_state)3};
  CHECK_INT(xxgk_reg_case_query(w.r, &q, &total, see, &s), XXGK_E_REFUSED);
  /* with `today`, each open row carries the deadline xxgk_reg_case_due
   * gives (a consultation pauses one), a closed one none */
  xxgk_event g = {.case_id = d - 1, .kind = XXGK_EV_CONSULT_STARTED,
                  .date = "2024-04-03"};
  CHECK_INT(xxgk_reg_event_add(w.r, &g), XXGK_OK);
  struct dues u = {0};
  xxgk_date today;
  xxgk_date_parse("2024-05-10", &today);
  q = (xxgk_case_query){.today = today};
  CHECK_INT(xxgk_reg_case_query(w.r, &q, &total, due_rows, &u), XXGK_OK);
  CHECK_INT(u.n, 4);
  int paused = 0;
  for (int i = 0; i < u.n && i < 8; i++) {
    xxgk_due want;
    CHECK_INT(xxgk_reg_case_due(w.r, u.id[i], today, &want), XXGK_OK);
    CHECK_INT(u.has[i], u.open[i]);
    if (!u.open[i])
      continue;
    CHECK_INT(u.due[i].state, want.state);
    CHECK_STR(u.due[i].due, want.due);
    CHECK_INT(u.due[i].used, want.used);
    CHECK_INT(u.due[i].left, want.left);
    CHECK_STR(u.due[i].why, want.why);
    paused += want.state == XXGK_DUE_PAUSED;
  }
  CHECK_INT(paused, 1);
  xxgk_reg_close(w.r);
}

static void test_codes(void) {
  struct world w;
  setup(&w);
  int64_t a = add_case(&w, w.edu, "2024-03-01", "natural_person", "李四",
                       "招生划片范围");
  char code[32], lower[32];
  CHECK_INT(xxgk_reg_case_code_new(w.r, a, code), XXGK_OK);
  CHECK_INT(strlen(code), 16);
  CHECK(strpbrk(code, "01OI") == NULL, "unambiguous alphabet: %s", code);
  int64_t id = 0;
  CHECK_INT(xxgk_reg_case_code_check(w.r, "2024-00001", code, &id), XXGK_OK);
  CHECK_INT(id, a);
  for (int i = 0; i < 17; i++)
    lower[i] = (char)(code[i] >= 'A' && code[i] <= 'Z' ? code[i] + 32
                                                        : code[i]);
  CHECK_INT(xxgk_reg_case_code_check(w.r, "2024-00001", lower, &id), XXGK_OK);
  char bad[32];
  memcpy(bad, code, 17);
  bad[0] = bad[0] == '2' ? '3' : '2';
  CHECK_INT(xxgk_reg_case_code_check(w.r, "2024-00001", bad, &id),
            XXGK_E_REFUSED);
  CHECK_INT(id, 0);
  char msg[128];
  snprintf(msg, sizeof msg, "%s", xxgk_reg_errmsg(w.r));
  CHECK_INT(xxgk_reg_case_code_check(w.r, "2024-99999", code, &id),
            XXGK_E_REFUSED);
  CHECK_STR(xxgk_reg_errmsg(w.r), msg);
  CHECK_INT(xxgk_reg_case_code_check(w.r, "2024-00001", "", &id),
            XXGK_E_REFUSED);
  /* a new code replaces the old */
  char again[32];
  CHECK_INT(xxgk_reg_case_code_new(w.r, a, again), XXGK_OK);
  CHECK_INT(xxgk_reg_case_code_check(w.r, "2024-00001", code, &id),
            XXGK_E_REFUSED);
  CHECK_INT(xxgk_reg_case_code_check(w.r, "2024-00001", again, &id), XXGK_OK);
  char none[32];
  CHECK_INT(xxgk_reg_case_code_new(w.r, 999, none), XXGK_E_REFUSED);
  CHECK_STR(none, "");
  char *json = NULL;
  CHECK_INT(xxgk_reg_export(w.r, &json), XXGK_OK);
  CHECK(strstr(json, again) == NULL, "the code itself is not stored");
  xxgk_free(json);
  xxgk_reg_close(w.r);
}

static int count_review(void *ctx, const xxgk_review *v, const char *a) {
  (void)v;
  CHECK(a != NULL, "agency name");
  (*(int *)ctx)++;
  return 0;
}

static int count_record(void *ctx, const xxgk_record *d, const char *rep,
                        const char *a) {
  (void)a;
  (*(int *)ctx) += rep ? 100 : 1;
  CHECK(d->title != NULL, "title");
  return 0;
}

static int count_figure(void *ctx, const char *item, const char *value) {
  (void)item;
  CHECK(value != NULL, "value");
  (*(int *)ctx)++;
  return 0;
}

static void test_texts_and_lists(void) {
  struct world w;
  setup(&w);
  char *text = NULL;
  CHECK_INT(xxgk_reg_narrative_get(w.r, w.edu, 2024, XXGK_SEC_OVERVIEW, &text),
            XXGK_OK);
  CHECK(text == NULL, "no text yet");
  CHECK_INT(xxgk_reg_narrative_set(w.r, w.edu, 2024, XXGK_SEC_OVERVIEW,
                                   "本年度……"),
            XXGK_OK);
  CHECK_INT(xxgk_reg_narrative_set(w.r, w.edu, 2024, XXGK_SEC_OVERVIEW,
                                   "本年度，共收到申请。"),
            XXGK_OK);
  CHECK_INT(xxgk_reg_narrative_get(w.r, w.edu, 2024, XXGK_SEC_OVERVIEW, &text),
            XXGK_OK);
  CHECK_STR(text, "本年度，共收到申请。");
  xxgk_free(text);
  CHECK_INT(xxgk_reg_narrative_set(w.r, w.edu, 2024, XXGK_SEC_OVERVIEW, ""),
            XXGK_OK);
  CHECK_INT(xxgk_reg_narrative_get(w.r, w.edu, 2024, XXGK_SEC_OVERVIEW, &text),
            XXGK_OK);
  CHECK(text == NULL, "cleared");
  CHECK_INT(xxgk_reg_narrative_set(w.r, 999, 2024, XXGK_SEC_OVERVIEW, "x"),
            XXGK_E_REFUSED);
  CHECK_INT(xxgk_reg_narrative_set(w.r, w.edu, 2024, XXGK_N_SECTIONS, "x"),
            XXGK_E_REFUSED);
  int64_t ce = add_case(&w, w.edu, "2024-03-01", "natural_person", "李四",
                        "招生划片范围");
  int64_t cl = add_case(&w, w.land, "2024-04-01", "natural_person", "王五",
                        "征地批复");
  xxgk_review v = {.agency_id = w.edu, .kind = "administrative_review",
                   .filed = "2024-06-01", .cases = &ce, .n_cases = 1};
  CHECK_INT(xxgk_reg_review_add(w.r, &v), XXGK_OK);
  xxgk_review v2 = {.agency_id = w.land, .kind = "litigation_direct",
                    .filed = "2024-07-01", .cases = &cl, .n_cases = 1};
  CHECK_INT(xxgk_reg_review_add(w.r, &v2), XXGK_OK);
  int n = 0;
  CHECK_INT(xxgk_reg_review_list(w.r, w.edu, count_review, &n), XXGK_OK);
  CHECK_INT(n, 1);
  n = 0;
  CHECK_INT(xxgk_reg_review_list(w.r, w.office, count_review, &n), XXGK_OK);
  CHECK_INT(n, 2);
  xxgk_record d = {.agency_id = w.edu, .kind = "normative_documents",
                   .title = "某某办法", .issued = "2024-02-01"};
  CHECK_INT(xxgk_reg_record_add(w.r, &d), XXGK_OK);
  CHECK_INT(xxgk_reg_record_repeal(w.r, d.id, "2024-09-01"), XXGK_OK);
  xxgk_record d2 = {.agency_id = w.land, .kind = "rules",
                    .title = "某某规定", .issued = "2024-03-01"};
  CHECK_INT(xxgk_reg_record_add(w.r, &d2), XXGK_OK);
  n = 0;
  CHECK_INT(xxgk_reg_record_list(w.r, w.office, count_record, &n), XXGK_OK);
  CHECK_INT(n, 101);
  n = 0;
  CHECK_INT(xxgk_reg_record_list(w.r, w.land, count_record, &n), XXGK_OK);
  CHECK_INT(n, 1);
  /* one row's agency by its id (what a scope check reads), 0 for none */
  int64_t owner = -1;
  CHECK_INT(xxgk_reg_record_agency(w.r, d2.id, &owner), XXGK_OK);
  CHECK_INT(owner, w.land);
  CHECK_INT(xxgk_reg_review_agency(w.r, v2.id, &owner), XXGK_OK);
  CHECK_INT(owner, w.land);
  CHECK_INT(xxgk_reg_review_agency(w.r, v.id, &owner), XXGK_OK);
  CHECK_INT(owner, w.edu);
  CHECK_INT(xxgk_reg_record_agency(w.r, d2.id + 1000, &owner), XXGK_OK);
  CHECK_INT(owner, 0);
  /* a record's number that no review has: each reads its own table */
  xxgk_record d3 = {.agency_id = w.edu,
                    .kind = "rules",
                    .title = "某某细则",
                    .issued = "2024-04-01"};
  CHECK_INT(xxgk_reg_record_add(w.r, &d3), XXGK_OK);
  CHECK(d3.id > v2.id, "record %lld, review %lld", (long long)d3.id,
        (long long)v2.id);
  CHECK_INT(xxgk_reg_record_agency(w.r, d3.id, &owner), XXGK_OK);
  CHECK_INT(owner, w.edu);
  CHECK_INT(xxgk_reg_review_agency(w.r, d3.id, &owner), XXGK_OK);
  CHECK_INT(owner, 0);
  CHECK_INT(xxgk_reg_figure_set(w.r, w.edu, 2024, "licensing", "12"),
            XXGK_OK);
  CHECK_INT(xxgk_reg_figure_set(w.r, w.edu, 2024, "fees", "1.2345"), XXGK_OK);
  n = 0;
  CHECK_INT(xxgk_reg_figure_list(w.r, w.edu, 2024, count_figure, &n),
            XXGK_OK);
  CHECK_INT(n, 2);
  n = 0;
  CHECK_INT(xxgk_reg_figure_list(w.r, w.edu, 2023, count_figure, &n),
            XXGK_OK);
  CHECK_INT(n, 0);
  xxgk_reg_close(w.r);
}

int main(void) {
  h_db_start();
  test_logins();
  test_query();
  test_codes();
  test_texts_and_lists();
  return h_summary();
}
