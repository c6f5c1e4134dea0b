/*
 * test_reg_filter.c — the application list's filters against a
 * plain reference: a seeded random register (agencies two levels deep and
 * one outside, every applicant column, outcomes, withdrawals, open ones,
 * two years of receipts; names and contents with '%', '_', '"', Latin
 * letters in mixed case and Chinese) is read whole, unfiltered, and
 * filtered here in C (strstr for the search, as instr() compares bytes);
 * then xxgk_reg_case_query must give the same total and the same page,
 * row for row, for many combinations of agency, state, outcome, applicant
 * column, dates, search text (1 and 2 characters, which the trigram index
 * cannot answer, cut from stored texts, with its letters' case turned, and
 * absent), page size and offset.
 *
 *   test_reg_filter [ROUNDS]        a register made here, in memory (3000
 *                                   rounds; 300 under valgrind)
 *   test_reg_filter ROUNDS FILE     an existing register (tests/cli/migrate.sh:
 *                                   one migrated from an older schema)
 * Pages asked with a day carry each open application's deadline, which
 * must be the one xxgk_reg_case_due gives it alone; and a page costs one
 * statement where statements are round trips (PostgreSQL), its events
 * and total included, with no transaction around it.
 *
 *   test_reg_filter print FILE      prints fixed filtered pages of FILE, for
 *                                   tests/cli/migrate.sh to compare with what
 *                                   the previous schema's release printed
 */
#include "h_calls.h"
#include "h_db.h"
#include "h_reg.h"
#include "harness.h"
#include "reg.h"
#include "store.h"
#include "xxgk_register.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng = 20261123;

static unsigned below(unsigned n) {
  uint64_t z = (rng += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return (unsigned)((z ^ (z >> 31)) % n);
}

#define N_CASES 700

static const char *const OUTCOMES[] = {"granted", "partially_granted",
                                       "unable_not_held",
                                       "withheld_state_secret"};
/* Pieces of names and contents: what a search may stumble on. */
static const char *const NAME_BITS[] = {
    "张", "王五", "Li", "li", "LI", "Ming", "ming", "_", "%", "\"Q\"",
    "申请人", "O'Brien", "赵%六", "a_b", "·", "X"};
static const char *const TEXT_BITS[] = {
    "立项批复", "环评", "Road", "road", "ROAD", "100%", "50%off", "a_b",
    "a%b",      "_",    "\"引号\"", "2023-0", "规划许可", "Ab", "aB", "某某",
    "项目",     "  ",   "x",       "文件"};

struct row {
  int64_t id, agency;
  char *tracking, *received, *category, *name, *content, *outcome;
  int closed;
};

static struct row *rows;
static int n_rows, cap_rows;
#define MAX_AG 64
static int64_t ag[MAX_AG]; /* the agencies the rows name, for scopes */
static int n_ag;
static xxgk_reg *reg;
static int dues; /* deadlines a page carried, checked */

static void pick(char *out, size_t cap, const char *const *bits, int nb,
                 int min, int max) {
  out[0] = 0;
  int k = min + (int)below((unsigned)(max - min + 1));
  for (int i = 0; i < k; i++) {
    const char *b = bits[below((unsigned)nb)];
    if (strlen(out) + strlen(b) + 1 < cap)
      strcat(out, b);
  }
}

static char *copy(const char *s) {
  if (!s)
    return NULL;
  char *d = malloc(strlen(s) + 1);
  strcpy(d, s);
  return d;
}

static int keep_row(void *ctx, const xxgk_case_row *c) {
  (void)ctx;
  if (n_rows == cap_rows) {
    cap_rows = cap_rows ? 2 * cap_rows : 256;
    rows = realloc(rows, (size_t)cap_rows * sizeof *rows);
  }
  int known = 0;
  for (int i = 0; i < n_ag; i++)
    known |= ag[i] == c->c.agency_id;
  if (!known && n_ag < MAX_AG)
    ag[n_ag++] = c->c.agency_id;
  struct row *r = &rows[n_rows++];
  r->id = c->c.id;
  r->agency = c->c.agency_id;
  r->tracking = copy(c->c.tracking);
  r->received = copy(c->c.received);
  r->category = copy(c->c.category);
  r->name = copy(c->c.name);
  r->content = copy(c->c.content);
  r->outcome = copy(c->outcome);
  r->closed = c->final_kind != NULL;
  return 0;
}

/* Whether agency a is the scope or one of its units, as the register
 * says (its own test is tests/unit/test_reg_web.c), remembered. */
static int within(int64_t scope, int64_t a) {
  static signed char seen[MAX_AG][MAX_AG]; /* 0 unknown, 1 no, 2 yes */
  if (scope >= MAX_AG || a >= MAX_AG || scope < 0 || a < 0) {
    int in = 0;
    CHECK_INT(xxgk_reg_agency_within(reg, scope, a, &in), XXGK_OK);
    return in;
  }
  if (!seen[scope][a]) {
    int in = 0;
    CHECK_INT(xxgk_reg_agency_within(reg, scope, a, &in), XXGK_OK);
    seen[scope][a] = (signed char)(in ? 2 : 1);
  }
  return seen[scope][a] == 2;
}

static int matches(const struct row *r, const xxgk_case_query *q) {
  const char *s = q->search && *q->search ? q->search : NULL;
  return (!q->agency_id || within(q->agency_id, r->agency)) &&
         (q->state == 0 || (q->state == 1) == !r->closed) &&
         (!q->outcome || !*q->outcome ||
          (r->outcome && strcmp(r->outcome, q->outcome) == 0)) &&
         (!q->category || !*q->category ||
          strcmp(r->category, q->category) == 0) &&
         (!q->from || !*q->from || strcmp(r->received, q->from) >= 0) &&
         (!q->to || !*q->to || strcmp(r->received, q->to) <= 0) &&
         (!s || strstr(r->tracking, s) || strstr(r->name, s) ||
          strstr(r->content, s));
}

struct page {
  int64_t *ids; /* n_rows of room */
  int n;
  xxgk_date today; /* the query's: each open row's deadline kept */
  xxgk_due *due;   /* n_rows of room: the deadline each row carried */
  int *has;        /* whether it carried one */
};

static int page_row(void *ctx, const xxgk_case_row *c) {
  struct page *p = ctx;
  if (p->n < n_rows) {
    p->ids[p->n] = c->c.id;
    if (p->due && c->due)
      p->due[p->n] = *c->due;
    if (p->has)
      p->has[p->n] = c->due != NULL;
  }
  p->n++;
  /* the page carries a deadline exactly where one belongs */
  CHECK(!c->due == (!p->today || c->final_kind != NULL),
        "application %lld: a deadline where none belongs, or none",
        (long long)c->c.id);
  return 0;
}

/* Each deadline the page p carried is the application's own
 * (xxgk_reg_case_due, read apart from any list). */
static void check_dues(const struct page *p) {
  for (int i = 0; i < p->n && i < n_rows; i++) {
    if (!p->has[i])
      continue;
    xxgk_due want;
    const xxgk_due *got = &p->due[i];
    CHECK_INT(xxgk_reg_case_due(reg, p->ids[i], p->today, &want), XXGK_OK);
    CHECK(got->state == want.state && strcmp(got->due, want.due) == 0 &&
              got->used == want.used && got->left == want.left &&
              strcmp(got->why, want.why) == 0,
          "application %lld: the page's deadline %s (%d used, %s) differs "
          "from its own %s (%d used, %s)",
          (long long)p->ids[i], got->due, got->used, got->why, want.due,
          want.used, want.why);
    dues++;
  }
}

/* A search text: cut from a stored text at character boundaries, its
 * letters' case turned sometimes, or a fixed piece, or nothing found. */
static void search_text(char *out, size_t cap) {
  static const char *const FIXED[] = {"%", "_", "\"", "a_b", "100%", "立",
                                      "立项", "ROAD", "oad", "OAD", "申请人",
                                      "\"引号\"", "zz_none", "无此内容",
                                      "a%b", "2023-0", "-0", "0"};
  unsigned how = below(4);
  if (how == 0) {
    snprintf(out, cap, "%s", FIXED[below(sizeof FIXED / sizeof *FIXED)]);
    return;
  }
  const struct row *r = &rows[below((unsigned)n_rows)];
  const char *t = how == 1 ? r->tracking : how == 2 ? r->name : r->content;
  /* character starts */
  int starts[256], n = 0;
  for (int i = 0; t[i] && n < 255; i++)
    if (((unsigned char)t[i] & 0xC0) != 0x80)
      starts[n++] = i;
  starts[n] = (int)strlen(t);
  int len = 1 + (int)below(6);
  int from = (int)below((unsigned)n);
  int to = from + len > n ? n : from + len;
  snprintf(out, cap, "%.*s", starts[to] - starts[from], t + starts[from]);
  if (below(4) == 0)
    for (char *c = out; *c; c++)
      if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z'))
        *c ^= 0x20;
}

static void random_date(char *out) {
  snprintf(out, 11, "%d-%02u-%02u", 2023 + (int)below(2), 1 + below(12),
           1 + below(28));
}

static void build(xxgk_reg *r) {
  const char *names[] = {"甲市人民政府", "甲市教育局", "甲市自然资源局",
                         "甲市教育局某科", "乙市人民政府"};
  int parent[] = {-1, 0, 0, 1, -1};
  int64_t id[5];
  for (int i = 0; i < 5; i++) {
    xxgk_agency a = {.name = names[i],
                     .parent_id = parent[i] < 0 ? 0 : id[parent[i]]};
    CHECK_INT(xxgk_reg_agency_add(r, &a), XXGK_OK);
    id[i] = a.id;
  }
  CHECK_INT(xxgk_reg_batch_begin(r), XXGK_OK);
  for (int i = 0; i < N_CASES; i++) {
    char day[11], name[96], content[160];
    random_date(day);
    pick(name, sizeof name, NAME_BITS, sizeof NAME_BITS / sizeof *NAME_BITS,
         1, 3);
    pick(content, sizeof content, TEXT_BITS,
         sizeof TEXT_BITS / sizeof *TEXT_BITS, 1, 4);
    xxgk_case c = {.agency_id = id[below(5)],
                   .channel = "网络",
                   .received = day,
                   .category = CATS[below(sizeof CATS / sizeof *CATS)],
                   .name = name,
                   .content = content};
    CHECK_INT(xxgk_reg_case_new(r, &c), XXGK_OK);
    unsigned fate = below(10);
    xxgk_date d;
    xxgk_date_parse(day, &d);
    if (fate < 2) { /* open: none, one or two events, the last maybe void */
      static const xxgk_event_kind STEPS[] = {XXGK_EV_CONSULT_STARTED,
                                              XXGK_EV_CONSULT_ANSWERED};
      int64_t last = 0;
      for (unsigned k = 0, n = below(3); k < n; k++) {
        char on[11];
        xxgk_date_format(d + 2 + 3 * (xxgk_date)k, on);
        xxgk_event e = {.case_id = c.id, .kind = STEPS[k], .date = on};
        CHECK(xxgk_reg_event_add(r, &e) == XXGK_OK, "event: %s",
              xxgk_reg_errmsg(r));
        last = e.id;
      }
      if (last && below(3) == 0)
        CHECK_INT(xxgk_reg_event_void(r, last, "登记错误"), XXGK_OK);
      continue;
    }
    char on[11];
    xxgk_date_format(d + 5, on);
    xxgk_event e = {.case_id = c.id, .date = on};
    if (fate == 2) {
      e.kind = XXGK_EV_WITHDRAWN;
    } else {
      e.kind = XXGK_EV_REPLY;
      e.outcome = OUTCOMES[below(sizeof OUTCOMES / sizeof *OUTCOMES)];
      e.basis = "条例第三十六条";
    }
    CHECK(xxgk_reg_event_add(r, &e) == XXGK_OK, "event: %s",
          xxgk_reg_errmsg(r));
  }
  CHECK_INT(xxgk_reg_batch_end(r), XXGK_OK);
}

static void compare(xxgk_reg *r, const xxgk_case_query *q, int *searched) {
  int64_t *room = malloc(3 * (size_t)n_rows * sizeof *room);
  xxgk_due *due = calloc((size_t)n_rows, sizeof *due);
  int *has = calloc((size_t)n_rows, sizeof *has);
  struct page want = {room, 0, 0, NULL, NULL},
              got = {room + n_rows, 0, q->today, due, has},
              again = {room + 2 * n_rows, 0, q->today, NULL, NULL};
  int64_t total = -1, n = 0;
  for (int i = 0; i < n_rows; i++) {
    if (!matches(&rows[i], q))
      continue;
    if (n >= q->offset && (!q->limit || n < q->offset + q->limit))
      want.ids[want.n++] = rows[i].id;
    n++;
  }
  CHECK(xxgk_reg_case_query(r, q, &total, page_row, &got) == XXGK_OK,
        "query: %s", xxgk_reg_errmsg(r));
  int same = total == n && got.n == want.n;
  for (int i = 0; same && i < got.n; i++)
    same = got.ids[i] == want.ids[i];
  CHECK(same,
        "agency %lld state %d outcome %s category %s from %s to %s search "
        "\"%s\" limit %lld offset %lld: total %lld, want %lld; rows %d, "
        "want %d",
        (long long)q->agency_id, q->state, q->outcome ? q->outcome : "-",
        q->category ? q->category : "-", q->from ? q->from : "-",
        q->to ? q->to : "-", q->search ? q->search : "-",
        (long long)q->limit, (long long)q->offset, (long long)total,
        (long long)n, got.n, want.n);
  /* the page alone (no total asked) is the same */
  CHECK_INT(xxgk_reg_case_query(r, q, NULL, page_row, &again), XXGK_OK);
  same = again.n == got.n;
  for (int i = 0; same && i < got.n; i++)
    same = got.ids[i] == again.ids[i];
  CHECK(same, "the page differs when no total is asked");
  *searched += q->search && n > 0;
  check_dues(&got);
  free(due);
  free(has);
  free(room);
}

static void statements(xxgk_reg *r) {
  int64_t *ids = calloc((size_t)n_rows, sizeof *ids);
  xxgk_due *due = calloc((size_t)n_rows, sizeof *due);
  int *has = calloc((size_t)n_rows, sizeof *has);
  xxgk_case_query q = {.state = XXGK_CASES_OPEN, .limit = 20};
  xxgk_date_parse("2025-01-10", &q.today);
  struct page got = {ids, 0, q.today, due, has};
  int64_t total = 0;
  /* the handle reads the agencies' names with its first page */
  CHECK_INT(xxgk_reg_case_query(r, &q, &total, page_row, &got), XXGK_OK);
  got.n = 0;
  h_calls_start(r);
  CHECK_INT(xxgk_reg_case_query(r, &q, &total, page_row, &got), XXGK_OK);
  int calls = h_calls_stop(r);
  CHECK(got.n == 20 && total > 20, "%d open applications of %lld", got.n,
        (long long)total);
  int want = r->st->ops->dialect->round_trips ? 1 : 1 + got.n;
  CHECK(calls == want,
        "a page of %d open applications, their deadlines and the total: %d "
        "statements, want %d",
        got.n, calls, want);
  check_dues(&got);
  free(ids);
  free(due);
  free(has);
}

static int print_row(void *ctx, const xxgk_case_row *c) {
  (void)ctx;
  printf(" %s", c->c.tracking);
  return 0;
}

/* Fixed queries over the register at path: each its total and the
 * tracking numbers of its page, one line. */
static int print_lists(const char *path) {
  xxgk_reg *r;
  xxgk_status st = xxgk_reg_open(path, 0, &r);
  if (st != XXGK_OK) {
    fprintf(stderr, "%s\n", xxgk_reg_errmsg(r));
    xxgk_reg_close(r);
    return 1;
  }
  static const char *const SEARCH[] = {
      "%",    "_",    "\"",     "a_b",  "a%b", "ROAD", "Road", "road", "Li",
      "li",   "LI",   "Ming",   "立项批复", "立项", "立", "申请人", "文件",
      "2024-0006", "2023-", "-00", "100%", "\"引号\"", "无此内容"};
  static const char *const CAT[] = {"natural_person", "commercial",
                                    "legal_services", "research",
                                    "social_welfare", "other_org"};
  static const char *const OUT[] = {"granted", "partially_granted",
                                    "unable_not_held", "not_processed_petition"};
  int bad = 0;
  for (int agency = 0; agency <= 3; agency++)
    for (int state = 0; state <= 2; state++)
      for (int k = 0; k < 23 + 6 + 4 + 3; k++) {
        xxgk_case_query q = {.agency_id = agency, .state = state, .limit = 15};
        if (k < 23)
          q.search = SEARCH[k];
        else if (k < 29)
          q.category = CAT[k - 23];
        else if (k < 33)
          q.outcome = OUT[k - 29];
        else if (k == 33)
          q.from = "2024-03-01", q.to = "2024-09-30";
        else if (k == 34)
          q.category = "natural_person", q.from = "2024-01-01", q.offset = 5;
        else
          q.search = "文件", q.to = "2024-06-30", q.offset = 3;
        int64_t total = 0;
        printf("agency %d state %d search %s category %s outcome %s from %s"
               " to %s offset %lld:",
               agency, state, q.search ? q.search : "-",
               q.category ? q.category : "-", q.outcome ? q.outcome : "-",
               q.from ? q.from : "-", q.to ? q.to : "-", (long long)q.offset);
        if (xxgk_reg_case_query(r, &q, &total, print_row, NULL) != XXGK_OK)
          bad = 1;
        printf(" total %lld\n", (long long)total);
      }
  xxgk_reg_close(r);
  return bad;
}

/* A page's events come in whatever order the join gives them; the list
 * that the deadline reads keeps them by day, then by id. */
static void event_order(void) {
  static const char *const rows[][2] = {{"3", "2025-01-05"},
                                        {"1", "2025-01-02"},
                                        {"4", "2025-01-05"},
                                        {"2", "2025-01-02"}};
  struct ev_list l = {0};
  for (int i = 0; i < 4; i++) {
    store_val v[7] = {{.t = SV_INT, .i = atoi(rows[i][0])},
                      {.t = SV_TEXT, .s = "reply"},
                      {.t = SV_TEXT, .s = rows[i][1]}};
    reg_event_row(&l, &(store_row){7, NULL, v});
  }
  CHECK(l.n == 4 && l.v[0].id == 1 && l.v[1].id == 2 && l.v[2].id == 3 &&
            l.v[3].id == 4,
        "events kept in the order %lld %lld %lld %lld, want 1 2 3 4",
        (long long)l.v[0].id, (long long)l.v[1].id, (long long)l.v[2].id,
        (long long)l.v[3].id);
  ev_list_free(&l);
}

/* Each row's agency name is its agency's, on every backend: read with
 * the row, or (where a page is one joined statement) from the names the
 * handle keeps, which it reads again for an agency it has not seen and
 * forgets with xxgk_reg_refresh. */
struct names {
  int64_t id[16];
  char name[16][96];
  int n, rows, wrong;
};

static int take_agency(void *ctx, const xxgk_agency *a, int depth) {
  (void)depth;
  struct names *m = ctx;
  if (m->n < 16) {
    m->id[m->n] = a->id;
    snprintf(m->name[m->n++], sizeof m->name[0], "%s", a->name);
  }
  return 0;
}

static int check_name(void *ctx, const xxgk_case_row *c) {
  struct names *m = ctx;
  const char *want = NULL;
  for (int i = 0; i < m->n; i++)
    if (m->id[i] == c->c.agency_id)
      want = m->name[i];
  m->rows++;
  if (!c->agency || !want || strcmp(c->agency, want) != 0) {
    if (!m->wrong++)
      CHECK(0, "application %lld: agency \"%s\", want \"%s\"",
            (long long)c->c.id, c->agency ? c->agency : "(null)",
            want ? want : "(none)");
  }
  return 0;
}

static void names_page(xxgk_reg *r, const char *what) {
  struct names m = {0};
  CHECK_INT(xxgk_reg_agency_list(r, take_agency, &m), XXGK_OK);
  xxgk_case_query q = {.limit = 200};
  xxgk_date_parse("2025-01-10", &q.today);
  CHECK_INT(xxgk_reg_case_query(r, &q, NULL, check_name, &m), XXGK_OK);
  CHECK(m.rows > 0 && !m.wrong, "%s: %d rows of %d with a wrong agency", what,
        m.wrong, m.rows);
}

static void agency_names(xxgk_reg *r) {
  names_page(r, "names");
  /* an agency the handle has not seen, and an application of it first */
  xxgk_agency a = h_agency(r, 0, "丙市人民政府");
  h_case(r, a.id, D("2025-01-09"));
  names_page(r, "a new agency");
  /* a name changed around the register, then the handle refreshed */
  CHECK_INT(store_query(r->st, NULL, NULL,
                        "UPDATE agency SET name = ? WHERE id = ?", "ti",
                        "丙市人民政府（更名）", a.id),
            XXGK_OK);
  xxgk_reg_refresh(r);
  names_page(r, "a name changed");
}

int main(int argc, char **argv) {
  h_db_start();
  if (argc == 3 && strcmp(argv[1], "print") == 0)
    return print_lists(argv[2]);
  /* memcheck's pace (scripts/valgrind.sh): the same paths, fewer draws */
  int rounds = argc > 1 ? atoi(argv[1])
                        : getenv("XXGK_UNDER_VALGRIND") ? 300 : 3000;
  xxgk_reg *r;
  xxgk_status st = xxgk_reg_open(argc > 2 ? argv[2] : h_db(),
                                 argc > 2 ? 0 : XXGK_OPT_CREATE, &r);
  reg = r;
  CHECK(st == XXGK_OK, "open: %s", xxgk_reg_errmsg(r));
  if (st != XXGK_OK)
    return h_summary();
  xxgk_reg_set_user(r, "test");
  if (argc <= 2)
    build(r);
  xxgk_case_query all = {0};
  CHECK_INT(xxgk_reg_case_query(r, &all, NULL, keep_row, NULL), XXGK_OK);
  if (argc <= 2)
    CHECK_INT(n_rows, N_CASES);
  CHECK(n_rows > 0 && n_ag > 0, "no applications");
  if (!n_rows)
    return h_summary();

  if (argc <= 2) {
    statements(r);
    event_order();
  }
  /* fixed cases first: each kind of search text */
  const char *fixed[] = {"%",   "_",    "\"",   "a_b", "立",  "立项",
                         "立项批复", "ROAD", "Road", "road", "oad", "aB",
                         "Ab",  "2023-0", "\"引号\"", "a%b", "  ", "無"};
  int searched = 0;
  for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++) {
    xxgk_case_query q = {.search = fixed[i], .limit = 20};
    compare(r, &q, &searched);
    q.agency_id = ag[0];
    q.limit = 0;
    compare(r, &q, &searched);
  }
  for (int k = 0; k < rounds; k++) {
    char from[11], to[11], s[64];
    xxgk_case_query q = {0};
    unsigned scope = below((unsigned)n_ag + 2);
    q.agency_id = scope < (unsigned)n_ag ? ag[scope] : 0;
    q.state = (xxgk_case_state)below(3);
    const struct row *like = &rows[below((unsigned)n_rows)];
    if (below(3) == 0)
      q.outcome = below(6) == 0 ? "" : like->outcome ? like->outcome
                                                     : OUTCOMES[below(4)];
    if (below(3) == 0)
      q.category = below(2) ? like->category
                            : CATS[below(sizeof CATS / sizeof *CATS)];
    if (below(3) == 0) {
      random_date(from);
      q.from = from;
    }
    if (below(3) == 0) {
      random_date(to);
      q.to = to;
    }
    if (below(2) == 0) {
      search_text(s, sizeof s);
      q.search = s;
    }
    static const int64_t LIMITS[] = {0, 1, 5, 20, 20};
    q.limit = LIMITS[below(5)];
    q.offset = below(3) ? 0 : below(60);
    /* with the deadlines, as the web list asks (a day after every receipt
     * and a day in between) */
    if (below(2) == 0)
      xxgk_date_parse(below(2) ? "2025-01-10" : "2024-03-01", &q.today);
    compare(r, &q, &searched);
  }
  CHECK(searched > rounds / 10, "only %d searches found anything", searched);
  if (argc <= 2) /* a register made here has open applications enough */
    CHECK(dues > rounds / 10, "only %d deadlines were checked", dues);
  if (argc <= 2) /* last: it adds an agency and an application */
    agency_names(r);
  for (int i = 0; i < n_rows; i++) {
    free(rows[i].tracking);
    free(rows[i].received);
    free(rows[i].category);
    free(rows[i].name);
    free(rows[i].content);
    free(rows[i].outcome);
  }
  free(rows);
  xxgk_reg_close(r);
  return h_summary();
}
