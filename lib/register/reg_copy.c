/*
 * reg_copy.c — a register (and the corpus in its database) copied to
 * another database of any backend, then verified (xxgk db copy).
 *
 * The copy is table by table, parents before children, every row with its
 * id, inside one transaction on the target: a failure leaves the target as
 * it was. Only INSERTs are run, so the target's own guards hold throughout
 * (the audit log's append-only triggers see rows added, never changed),
 * and what the schema derives (tallies, the agency tree, the text index)
 * is made again by the target's triggers, not copied.
 *
 * The verification reads the source in the same transaction as the copy
 * (a server may go on writing to it), the target afresh: every table's row
 * count and digest (store_digest_table: a sum of row hashes, so the
 * backends' row and column orders do not matter), the derived tables too,
 * and the annual report of every agency for every year the register has
 * data, built on both sides and compared byte for byte as canonical JSON.
 * A target that held rows before (--force) must hold exactly those plus
 * the source's.
 */
#include "../corpus/corpus.h"
#include "reg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Copied besides the register's own tables: the web server's sessions and
 * rate limits (so a move keeps users logged in). Rebuilt by the target's
 * triggers and compared only: the derived tables. */
static const char *const WEB_TABLES[] = {"web_session", "web_throttle", NULL};
static const char *const DERIVED[] = {"agency_tally", "agency_tree",
                                      "application_mix", "agency_tree_tally",
                                      NULL};
/* What of them is compared: a count that went back to zero leaves its row,
 * so the rows of zeros are the history of the database, not its data. */
static const char *const DERIVED_WHERE[] = {
    "applications <> 0 OR open <> 0", NULL, "applications <> 0 OR open <> 0",
    "applications <> 0 OR open <> 0"};

#define MAX_TABLES 32

struct plan {
  const char *table[MAX_TABLES];
  int n;
};

static void plan_add(struct plan *p, const char *const *list) {
  for (; *list && p->n < MAX_TABLES; list++)
    p->table[p->n++] = *list;
}

static void say(char *msg, size_t cap, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void say(char *msg, size_t cap, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, cap, fmt, ap);
  va_end(ap);
}

/* Whether the database holds a corpus: its reports' table answers. */
static int has_corpus(struct store *s) {
  int64_t n;
  return store_int(s, &n, NULL, "SELECT COUNT(*) FROM corpus_reports", "") ==
         XXGK_OK;
}

/* Opens the corpus at path (creating its tables) and closes it: its
 * schema brought up to this program's. */
static xxgk_status corpus_schema(const char *path, unsigned flags, char *msg,
                                 size_t cap) {
  xxgk_corpus *c;
  xxgk_status st = xxgk_corpus_open(path, flags, &c);
  if (st != XXGK_OK)
    say(msg, cap, "打开语料库 %s 失败：%s", path, xxgk_corpus_errmsg(c));
  xxgk_corpus_close(c);
  return st;
}

/* ## The annual reports, both sides */

static int add_year(void *ctx, const store_row *row) {
  int *years = ctx;
  if (row->v[0].t == SV_INT && row->v[0].i >= 2021 && row->v[0].i <= 2999 &&
      years[0] < 63)
    years[++years[0]] = (int)row->v[0].i;
  return 0;
}

static int add_agency(void *ctx, const store_row *row) {
  buf *ids = ctx;
  buf_put(ids, (const char *)&row->v[0].i, sizeof row->v[0].i);
  return 0;
}

/* The report of agency id for year on r as canonical JSON (the caller
 * frees it), or NULL with the register's message when it cannot be
 * built. */
static char *report_json(xxgk_reg *r, int64_t id, int year) {
  xxgk_doc *d;
  if (xxgk_reg_report(r, id, year, &d) != XXGK_OK)
    return NULL;
  char *json = xxgk_render(d, XXGK_OUT_JSON);
  xxgk_doc_free(d);
  return json;
}

static xxgk_status same_reports(xxgk_reg *a, xxgk_reg *b, int *reports,
                                char *msg, size_t cap) {
  int years[64] = {0}; /* [0]: how many */
  buf ids = {0};
  if (store_query(
          a->st, add_year, years,
          "SELECT CAST(substr(received, 1, 4) AS INTEGER) AS y FROM application"
          " UNION SELECT CAST(substr(date, 1, 4) AS INTEGER) FROM event"
          " UNION SELECT CAST(substr(filed, 1, 4) AS INTEGER) FROM review"
          " UNION SELECT CAST(substr(issued, 1, 4) AS INTEGER) FROM record"
          " UNION SELECT year FROM figure UNION SELECT year FROM narrative"
          " ORDER BY 1",
          "") != XXGK_OK ||
      store_query(a->st, add_agency, &ids, "SELECT id FROM agency ORDER BY id",
                  "") != XXGK_OK) {
    buf_free(&ids);
    say(msg, cap, "读取源库失败：%s", a->st->err);
    return XXGK_E_DB;
  }
  xxgk_status st = XXGK_OK;
  size_t n = ids.len / sizeof(int64_t);
  for (size_t i = 0; st == XXGK_OK && i < n; i++) {
    int64_t id;
    memcpy(&id, ids.data + i * sizeof id, sizeof id);
    for (int y = 1; st == XXGK_OK && y <= years[0]; y++) {
      char *x = report_json(a, id, years[y]);
      char *z = report_json(b, id, years[y]);
      if (!x || !z || strcmp(x, z) != 0) {
        st = XXGK_E_REFUSED;
        say(msg, cap, "核对不一致：机关 %lld 的 %d 年年报%s", (long long)id,
            years[y],
            !x && !z ? "两边都生成不了"
            : !x     ? "在源库生成不了"
            : !z     ? "在目标库生成不了"
                     : "两边不同");
      }
      (*reports)++;
      xxgk_free(x);
      xxgk_free(z);
    }
  }
  buf_free(&ids);
  return st;
}

/* ## Copy and verify */

/* Every table of the plan: the target's digests before (its rows, if
 * any), whether it is empty. */
static xxgk_status target_before(xxgk_reg *b, const struct plan *p,
                                 store_digest *before, int *empty, char *msg,
                                 size_t cap) {
  *empty = 1;
  for (int t = 0; t < p->n; t++) {
    if (store_digest_table(b->st, p->table[t], NULL, &before[t]) != XXGK_OK) {
      say(msg, cap, "读取目标库的表 %s 失败：%s", p->table[t], b->st->err);
      return XXGK_E_DB;
    }
    if (before[t].rows && *empty) {
      *empty = 0;
      say(msg, cap,
          "目标库不是空的（表 %s 已有 %lld 行）：复制只写入新建的空库；确认要"
          "把源库的行加进去，请加 --force",
          p->table[t], (long long)before[t].rows);
    }
  }
  return XXGK_OK;
}

/* The copy, in one transaction on the target (the caller holds the
 * source's read). */
static xxgk_status copy_tables(xxgk_reg *a, xxgk_reg *b, const struct plan *p,
                               xxgk_copy_stats *out, char *msg, size_t cap) {
  if (b->st->ops->begin(b->st, 1) != XXGK_OK) {
    say(msg, cap, "目标库无法开始写入：%s", b->st->err);
    return b->st->busy ? XXGK_E_BUSY : XXGK_E_DB;
  }
  xxgk_status st = store_bulk(b->st, 1);
  if (st != XXGK_OK)
    say(msg, cap, "目标库无法开始写入：%s", b->st->err);
  for (int t = 0; st == XXGK_OK && t < p->n; t++) {
    int failed;
    st = store_copy_table(a->st, b->st, p->table[t], &out->rows, &failed);
    if (st != XXGK_OK)
      say(msg, cap, "复制表 %s 失败（%s）：%s；目标库没有写入任何数据",
          p->table[t], failed ? "目标库" : "源库",
          failed ? b->st->err : a->st->err);
  }
  /* The final events on the applications are derived: made again from the
   * events copied, as an import does; then the tallies (store_bulk). */
  if (st == XXGK_OK &&
      (store_run(b->st, STORE_SQL_DERIVE_FINAL, "") != XXGK_OK ||
       store_bulk(b->st, 0) != XXGK_OK)) {
    st = XXGK_E_DB;
    say(msg, cap, "目标库生成办结信息失败：%s；目标库没有写入任何数据",
        b->st->err);
  }
  if (st == XXGK_OK && b->st->ops->commit(b->st) != XXGK_OK) {
    st = XXGK_E_DB;
    say(msg, cap, "目标库提交失败：%s；目标库没有写入任何数据", b->st->err);
  }
  if (st != XXGK_OK)
    b->st->ops->rollback(b->st);
  out->tables = p->n;
  return st;
}

/* Each table of the plan on the target = before + source; the derived
 * tables (when the target was empty) = the source's. */
static xxgk_status same_tables(xxgk_reg *a, xxgk_reg *b, const struct plan *p,
                               const store_digest *before, int empty,
                               char *msg, size_t cap) {
  struct plan all = *p;
  if (empty)
    plan_add(&all, DERIVED);
  for (int t = 0; t < all.n; t++) {
    store_digest x, z;
    const char *where = t < p->n ? NULL : DERIVED_WHERE[t - p->n];
    if (store_digest_table(a->st, all.table[t], where, &x) != XXGK_OK ||
        store_digest_table(b->st, all.table[t], where, &z) != XXGK_OK) {
      say(msg, cap, "核对表 %s 时读取失败：%s%s", all.table[t], a->st->err,
          b->st->err);
      return XXGK_E_DB;
    }
    if (t < p->n)
      store_digest_add(&x, &before[t]);
    if (!store_digest_same(&x, &z)) {
      say(msg, cap,
          x.rows != z.rows ? "核对不一致：表 %s 应有 %lld 行，目标库有 %lld 行"
                           : "核对不一致：表 %s 的行数相同（%lld = %lld），"
                             "内容不同",
          all.table[t], (long long)x.rows, (long long)z.rows);
      return XXGK_E_REFUSED;
    }
  }
  return XXGK_OK;
}

xxgk_status xxgk_db_copy(const char *from, const char *to, int force,
                         xxgk_copy_stats *out, char *msg, size_t cap) {
  memset(out, 0, sizeof *out);
  msg[0] = 0;
  if (strcmp(from, to) == 0) {
    say(msg, cap, "源库和目标库是同一个：%s", from);
    return XXGK_E_USAGE;
  }
  xxgk_reg *a = NULL, *b = NULL;
  xxgk_status st = xxgk_reg_open(from, 0, &a);
  if (st != XXGK_OK)
    say(msg, cap, "打开源库 %s 失败：%s", from, xxgk_reg_errmsg(a));
  if (st == XXGK_OK && (out->corpus = has_corpus(a->st))) {
    st = corpus_schema(from, 0, msg, cap);
    if (st == XXGK_OK)
      st = corpus_schema(to, XXGK_OPT_CREATE, msg, cap);
  }
  if (st == XXGK_OK && (st = xxgk_reg_open(to, XXGK_OPT_CREATE, &b)) != XXGK_OK)
    say(msg, cap, "打开目标库 %s 失败：%s", to, xxgk_reg_errmsg(b));
  struct plan p = {.n = 0};
  plan_add(&p, reg_tables);
  plan_add(&p, WEB_TABLES);
  if (out->corpus)
    plan_add(&p, corpus_tables);
  store_digest before[MAX_TABLES];
  int empty = 1;
  if (st == XXGK_OK)
    st = target_before(b, &p, before, &empty, msg, cap);
  if (st == XXGK_OK && !empty && !force)
    st = XXGK_E_REFUSED; /* the message is target_before's */
  if (st == XXGK_OK)
    msg[0] = 0;
  /* One read of the source for the copy and its verification: what a
   * server writes to it meanwhile is in neither. The reports' own
   * transactions become savepoints of this one (the batch's way). */
  int reading = 0;
  if (st == XXGK_OK) {
    if (a->st->ops->begin(a->st, 0) != XXGK_OK) {
      say(msg, cap, "读取源库失败：%s", a->st->err);
      st = XXGK_E_DB;
    } else {
      reading = a->batch = 1;
    }
  }
  if (st == XXGK_OK)
    st = copy_tables(a, b, &p, out, msg, cap);
  /* Verified as a reader opening it afresh finds it (the calendar of the
   * holidays copied loaded with it). */
  if (st == XXGK_OK) {
    xxgk_reg_close(b);
    if ((st = xxgk_reg_open(to, 0, &b)) != XXGK_OK)
      say(msg, cap, "复制后重新打开目标库失败：%s", xxgk_reg_errmsg(b));
  }
  if (st == XXGK_OK)
    st = same_tables(a, b, &p, before, empty, msg, cap);
  if (st == XXGK_OK)
    st = same_reports(a, b, &out->reports, msg, cap);
  if (reading) {
    a->batch = 0;
    a->st->ops->rollback(a->st); /* a read: nothing to keep */
  }
  xxgk_reg_close(a);
  xxgk_reg_close(b);
  return st;
}
