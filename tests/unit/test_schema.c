/*
 * test_schema.c — the two backends' schemas are the same schema: a new
 * register on SQLite and on PostgreSQL (the cluster XXGK_TEST_PG names;
 * with XXGK_TEST_BACKEND=pg) has the same tables, columns (name, type
 * class, NOT NULL, default), primary keys, unique constraints, foreign
 * keys, indexes (name, uniqueness, columns, partial condition) and
 * triggers, read from each one's catalogue (sqlite_master and its pragmas;
 * information_schema and pg_catalog), apart from the differences listed
 * below, each with its reason. And a register made at any older schema
 * version, holding an application with its reply, ends equal to a new one
 * when opened, its derived columns and tallies filled (each backend).
 */
#include "h_db.h"
#include "harness.h"
#include "store.h"
#include "store_schema.h"

#include <ctype.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What one backend has that the other keeps otherwise (prefixes of the
 * facts below, "table kind name ..."). */
static const char *const ONLY_SQLITE[] = {
    /* the trigram search: an FTS5 table and its shadow tables, kept by
     * triggers (PostgreSQL: pg_trgm's index application_text) */
    "application_text ", "application_text_config ", "application_text_data ",
    "application_text_docsize ", "application_text_idx ",
    "application trigger application_text_add",
    "application trigger application_text_change",
    /* application_mix kept by triggers of its own (PostgreSQL's
     * application_tally and application_retally keep both tallies) */
    "application trigger application_mix_add",
    "application trigger application_mix_change",
    /* one trigger per statement (PostgreSQL's: INSERT OR UPDATE) */
    "holiday trigger holiday_generation_add",
    "holiday trigger holiday_generation_change",
    /* the guards against INSERT OR REPLACE, which PostgreSQL has not */
    "application trigger application_no_replace",
    "application trigger application_no_replace_key",
    "attachment trigger attachment_no_replace",
    "audit trigger audit_no_replace", "delivery trigger delivery_no_replace",
    "event trigger event_no_replace",
    "event_void trigger event_void_no_replace",
    "round_note trigger round_note_no_replace",
    "round_version trigger round_version_no_replace"};
static const char *const ONLY_PG[] = {
    /* the schema version (SQLite's: PRAGMA user_version) */
    "xxgk_schema ",
    /* the trigram search */
    "application index application_text ", "holiday trigger holiday_generation",
    /* TRUNCATE, which SQLite has not, refused where DELETE is */
    "application trigger application_no_truncate",
    "attachment trigger attachment_no_truncate",
    "audit trigger audit_no_truncate", "delivery trigger delivery_no_truncate",
    "event trigger event_no_truncate",
    "event_void trigger event_void_no_truncate",
    "round_note trigger round_note_no_truncate",
    "round_version trigger round_version_no_truncate",
    /* the notices to the servers' kept sessions (SQLite's one process
     * keeps none) */
    "web_session trigger web_session_changed",
    "agency_user trigger agency_user_changed", "agency trigger agency_changed",
    "generation trigger generation_changed"};

typedef struct {
  char **line;
  size_t n, cap;
} facts;

static void add(facts *f, const char *s) {
  if (f->n == f->cap) {
    f->cap = f->cap ? 2 * f->cap : 64;
    f->line = realloc(f->line, f->cap * sizeof *f->line);
  }
  f->line[f->n++] = strdup(s);
}

static void facts_free(facts *f) {
  for (size_t i = 0; i < f->n; i++)
    free(f->line[i]);
  free(f->line);
  *f = (facts){0};
}

static int by_text(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* An expression as both catalogues can agree on it: lower case, without
 * PostgreSQL's casts, parentheses and brackets, `x = ANY (ARRAY[a, b])`
 * read as SQLite's `x IN (a, b)`, white space single. */
static void norm(char *out, size_t cap, const char *in) {
  size_t o = 0;
  for (const char *p = in; *p && o + 1 < cap; p++) {
    if (strncmp(p, "::", 2) == 0) {
      p++;
      while (isalnum((unsigned char)p[1]) || p[1] == '_')
        p++;
      continue;
    }
    if (strncmp(p, "= ANY ", 6) == 0) {
      o += (size_t)snprintf(out + o, cap - o, "in ");
      p += 5;
      continue;
    }
    if (strncmp(p, "ARRAY", 5) == 0) {
      p += 4;
      continue;
    }
    if (strchr("()[]", *p))
      continue;
    if (*p == ' ' && (o == 0 || out[o - 1] == ' '))
      continue;
    out[o++] = (char)tolower((unsigned char)*p);
  }
  while (o && out[o - 1] == ' ')
    o--;
  out[o] = 0;
}

/* A row of text columns as one fact, each column normalised. */
static int fact_cb(void *ctx, const store_row *row) {
  char line[2048] = "", part[1024];
  for (int c = 0; c < row->n; c++) {
    const store_val *v = &row->v[c];
    char raw[1024];
    if (v->t == SV_INT)
      snprintf(raw, sizeof raw, "%lld", (long long)v->i);
    else
      snprintf(raw, sizeof raw, "%s", v->t == SV_TEXT ? v->s : "-");
    norm(part, sizeof part, raw);
    size_t l = strlen(line);
    snprintf(line + l, sizeof line - l, "%s%s", c ? " " : "", part);
  }
  add(ctx, line);
  return 0;
}

/* SQLite keeps an index as its CREATE statement: its columns are the list
 * after ON table, its condition what follows WHERE. */
static int sqlite_index_cb(void *ctx, const store_row *row) {
  const char *table = row->v[0].s, *name = row->v[1].s, *sql = row->v[2].s;
  const char *on = strstr(sql, " ON ");
  const char *open = on ? strchr(on, '(') : NULL;
  CHECK(open != NULL, "index %s: %s", name, sql);
  if (!open)
    return 0;
  const char *close = open;
  for (int depth = 0; *close; close++)
    if (*close == '(')
      depth++;
    else if (*close == ')' && --depth == 0)
      break;
  const char *where = strstr(close, " WHERE ");
  char cols[512], pred[512], line[1200];
  snprintf(cols, sizeof cols, "%.*s", (int)(close - open - 1), open + 1);
  norm(pred, sizeof pred, where ? where + 7 : "-");
  char ncols[512];
  norm(ncols, sizeof ncols, cols);
  snprintf(line, sizeof line, "%s index %s %s %s %s", table, name,
           strncmp(sql, "CREATE UNIQUE", 13) == 0 ? "unique" : "plain", ncols,
           pred);
  add(ctx, line);
  return 0;
}

/* The catalogues' queries, one clause a line: clang-format would run the
 * strings on either side of a macro together. */
// clang-format off
/* A column's type as a class: integer, text, blob or real. */
#define TYPE_CLASS(t)                                                          \
  "CASE WHEN upper(" t ") LIKE '%INT%' THEN 'integer'"                         \
  " WHEN upper(" t ") LIKE '%TEXT%' THEN 'text'"                               \
  " WHEN upper(" t ") IN ('BLOB', 'BYTEA') THEN 'blob'"                        \
  " WHEN upper(" t ") IN ('REAL', 'DOUBLE PRECISION') THEN 'real'"             \
  " ELSE 'other:' || " t " END"

static const char *const SQLITE_FACTS[] = {
    "SELECT m.name, 'column', p.name, " TYPE_CLASS("p.type") ","
    " CASE WHEN p.\"notnull\" OR p.pk > 0 THEN 'not-null' ELSE 'null' END,"
    " p.dflt_value FROM sqlite_master m, pragma_table_info(m.name) p"
    " WHERE m.type = 'table'",
    "SELECT m.name, 'table' FROM sqlite_master m WHERE m.type = 'table'",
    "SELECT m.name, 'primary-key', (SELECT group_concat(name, ',') FROM"
    " (SELECT name FROM pragma_table_info(m.name) WHERE pk > 0 ORDER BY pk))"
    " FROM sqlite_master m WHERE m.type = 'table'"
    " AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) WHERE pk > 0)",
    "SELECT m.name, 'unique', (SELECT group_concat(name, ',') FROM"
    " (SELECT name FROM pragma_index_info(l.name) ORDER BY seqno))"
    " FROM sqlite_master m, pragma_index_list(m.name) l"
    " WHERE m.type = 'table' AND l.origin = 'u'",
    "SELECT m.name, 'foreign-key', f.\"from\", f.\"table\", f.\"to\""
    " FROM sqlite_master m, pragma_foreign_key_list(m.name) f"
    " WHERE m.type = 'table'",
    ("SELECT tbl_name, 'trigger', name FROM sqlite_master"
     " WHERE type = 'trigger'"),
};
static const char SQLITE_INDEXES[] =
    "SELECT tbl_name, name, sql FROM sqlite_master"
    " WHERE type = 'index' AND sql IS NOT NULL";

#define PG_COLS(rel, keys)                                                     \
  " (SELECT string_agg(a.attname, ',' ORDER BY k.n) FROM unnest(" keys ")"     \
  " WITH ORDINALITY k(num, n) JOIN pg_attribute a ON a.attrelid = " rel       \
  " AND a.attnum = k.num)"
#define PG_HERE(rel)                                                           \
  " (SELECT relnamespace FROM pg_class WHERE oid = " rel ")"                   \
  " = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())"

static const char *const PG_FACTS[] = {
    "SELECT c.table_name, 'column', c.column_name, " TYPE_CLASS("c.data_type")
    ", CASE WHEN c.is_nullable = 'NO' THEN 'not-null' ELSE 'null' END,"
    " c.column_default FROM information_schema.columns c"
    " JOIN information_schema.tables t USING (table_schema, table_name)"
    " WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'",
    "SELECT table_name, 'table' FROM information_schema.tables"
    " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
    "SELECT CAST(c.conrelid AS regclass), 'primary-key',"
    PG_COLS("c.conrelid", "c.conkey") " FROM pg_constraint c"
    " WHERE c.contype = 'p' AND" PG_HERE("c.conrelid"),
    "SELECT CAST(c.conrelid AS regclass), 'unique',"
    PG_COLS("c.conrelid", "c.conkey") " FROM pg_constraint c"
    " WHERE c.contype = 'u' AND" PG_HERE("c.conrelid"),
    "SELECT CAST(c.conrelid AS regclass), 'foreign-key',"
    PG_COLS("c.conrelid", "c.conkey") ", CAST(c.confrelid AS regclass),"
    PG_COLS("c.confrelid", "c.confkey") " FROM pg_constraint c"
    " WHERE c.contype = 'f' AND" PG_HERE("c.conrelid"),
    /* the indexes that no primary key or unique constraint made */
    "SELECT CAST(i.indrelid AS regclass), 'index',"
    " CAST(CAST(i.indexrelid AS regclass) AS text),"
    " CASE WHEN i.indisunique THEN 'unique' ELSE 'plain' END,"
    " (SELECT string_agg(pg_get_indexdef(i.indexrelid, k, true), ', '"
    " ORDER BY k) FROM generate_series(1, i.indnkeyatts) k),"
    " pg_get_expr(i.indpred, i.indrelid) FROM pg_index i"
    " WHERE" PG_HERE("i.indrelid") " AND NOT EXISTS (SELECT 1 FROM"
    " pg_constraint c WHERE c.conindid = i.indexrelid"
    " AND c.conrelid = i.indrelid AND c.contype IN ('p', 'u'))",
    "SELECT CAST(tgrelid AS regclass), 'trigger', tgname FROM pg_trigger"
    " WHERE NOT tgisinternal AND" PG_HERE("tgrelid"),
};

// clang-format on

/* Every fact of the schema of the store at db, sorted. */
static facts schema_of(const char *db) {
  facts f = {0};
  xxgk_status st;
  struct store *s = store_open(db, 1, &st);
  CHECK(st == XXGK_OK, "open %s: %s", db, s->err);
  int pg = store_is_pg(db);
  const char *const *q = pg ? PG_FACTS : SQLITE_FACTS;
  size_t n = pg ? sizeof PG_FACTS / sizeof *PG_FACTS
                : sizeof SQLITE_FACTS / sizeof *SQLITE_FACTS;
  for (size_t i = 0; st == XXGK_OK && i < n; i++)
    CHECK(store_query(s, fact_cb, &f, q[i], "") == XXGK_OK, "%s: %s", q[i],
          s->err);
  if (st == XXGK_OK && !pg)
    CHECK(store_query(s, sqlite_index_cb, &f, SQLITE_INDEXES, "") == XXGK_OK,
          "%s", s->err);
  store_close(s);
  qsort(f.line, f.n, sizeof *f.line, by_text);
  return f;
}

static int listed(const char *fact, const char *const *list, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (strncmp(fact, list[i], strlen(list[i])) == 0)
      return 1;
  return 0;
}

/* The facts of a that b lacks and the list does not explain; each said. */
static int unexplained(const facts *a, const facts *b, const char *const *list,
                       size_t n, const char *a_name, const char *b_name) {
  int count = 0;
  for (size_t i = 0; i < a->n; i++)
    if (!bsearch(&a->line[i], b->line, b->n, sizeof *b->line, by_text) &&
        !listed(a->line[i], list, n)) {
      fprintf(stderr, "  in %s, not in %s: %s\n", a_name, b_name, a->line[i]);
      count++;
    }
  return count;
}

/* The SQLite and the PostgreSQL schema of a new register. */
static void test_same_schema(void) {
  facts lite = schema_of(":memory:"), pg = schema_of(h_db());
  CHECK(lite.n > 300 && pg.n > 300, "facts: %zu, %zu", lite.n, pg.n);
  size_t nl = sizeof ONLY_SQLITE / sizeof *ONLY_SQLITE;
  size_t np = sizeof ONLY_PG / sizeof *ONLY_PG;
  CHECK_INT(unexplained(&lite, &pg, ONLY_SQLITE, nl, "SQLite", "PostgreSQL"),
            0);
  CHECK_INT(unexplained(&pg, &lite, ONLY_PG, np, "PostgreSQL", "SQLite"), 0);
  /* every listed difference is one still: the list is no blanket */
  for (size_t i = 0; i < nl + np; i++) {
    const char *p = i < nl ? ONLY_SQLITE[i] : ONLY_PG[i - nl];
    const facts *has = i < nl ? &lite : &pg;
    int found = 0;
    for (size_t k = 0; k < has->n && !found; k++)
      found = strncmp(has->line[k], p, strlen(p)) == 0;
    CHECK(found, "listed difference no longer in the schema: %s", p);
  }
  facts_free(&lite);
  facts_free(&pg);
}

/* An application with its reply, in the columns of schema version 1. */
static const char SAMPLE[] =
    "INSERT INTO agency (id, name) VALUES (1, '测试局');"
    "INSERT INTO application (id, agency_id, tracking, channel, received,"
    " category, applicant_name, content) VALUES (1, 1, '2024-00001', '网络',"
    " '2024-05-06', 'natural_person', '张三', '某项目环评批复');"
    "INSERT INTO event (application_id, kind, date, outcome) VALUES"
    " (1, 'reply', '2024-05-20', 'granted');";

/* Two deliveries of SAMPLE's reply, one voided, for a register that has
 * deliveries (schema 9 on): the migration to 14 keeps the live one's date
 * on the event. */
static const char SAMPLE_DELIVERY[] =
    "INSERT INTO delivery (event_id, method, date, at, who, void_reason,"
    " void_at, void_by) VALUES (1, '当面', '2024-05-21', 't', 'w', '误登记',"
    " 't', 'w');"
    "INSERT INTO delivery (event_id, method, date, at, who) VALUES"
    " (1, '邮寄', '2024-05-23', 't', 'w');";

/* A register at schema version `version` (its first steps, run as the
 * release of that version ran them) holding SAMPLE: a SQLite file at
 * path, or the PostgreSQL database at uri. */
static void make_old(const char *db, int version) {
  const char *deliveries = version >= 9 ? SAMPLE_DELIVERY : "SELECT 1";
  if (store_is_pg(db)) {
    PGconn *c = PQconnectdb(db);
    char set[128];
    snprintf(set, sizeof set,
             "CREATE TABLE xxgk_schema (version INTEGER NOT NULL);"
             " INSERT INTO xxgk_schema VALUES (%d)",
             version);
    for (int i = 0; i <= version + 2; i++) {
      const char *sql = i < version        ? STORE_PG_MIGRATIONS[i]
                        : i == version     ? SAMPLE
                        : i == version + 1 ? deliveries
                                           : set;
      PGresult *res = PQexec(c, sql);
      CHECK(PQresultStatus(res) == PGRES_COMMAND_OK ||
                PQresultStatus(res) == PGRES_TUPLES_OK,
            "version %d, step %d: %s", version, i, PQerrorMessage(c));
      PQclear(res);
    }
    PQfinish(c);
    return;
  }
  sqlite3 *d;
  CHECK_INT(sqlite3_open(db, &d), SQLITE_OK);
  char set[64];
  snprintf(set, sizeof set, "PRAGMA user_version = %d", version);
  for (int i = 0; i <= version + 2; i++) {
    const char *sql = i < version        ? STORE_SQLITE_MIGRATIONS[i]
                      : i == version     ? SAMPLE
                      : i == version + 1 ? deliveries
                                         : set;
    CHECK(sqlite3_exec(d, sql, NULL, NULL, NULL) == SQLITE_OK,
          "version %d, step %d: %s", version, i, sqlite3_errmsg(d));
  }
  sqlite3_close(d);
}

static int text_cb(void *ctx, const store_row *row) {
  snprintf(ctx, 256, "%s", row->v[0].t == SV_TEXT ? row->v[0].s : "(null)");
  return 1;
}

/* From every older version to the newest: the schema of a new register,
 * and SAMPLE's derived columns and tallies as a new register keeps them
 * (application_mix may keep a row counted down to nothing: not read). */
static void test_migrated(int pg, int newest) {
  facts fresh = schema_of(pg ? h_db() : ":memory:");
  for (int v = 1; v < newest; v++) {
    char dir[] = "/tmp/xxgk-schema-XXXXXX", path[64];
    CHECK(mkdtemp(dir) != NULL, "mkdtemp");
    snprintf(path, sizeof path, "%s/r.db", dir);
    const char *db = pg ? h_db() : path;
    make_old(db, v);
    facts f = schema_of(db);
    char what[32];
    snprintf(what, sizeof what, "version %d", v);
    CHECK_INT(unexplained(&f, &fresh, NULL, 0, what, "a new register"), 0);
    CHECK_INT(unexplained(&fresh, &f, NULL, 0, "a new register", what), 0);
    facts_free(&f);
    xxgk_status st;
    struct store *s = store_open(db, 0, &st);
    char got[256] = "";
    CHECK(store_query(s, text_cb, got,
                      "SELECT final_kind || ' ' || final_date || ' ' ||"
                      " final_outcome || ' ' || (SELECT applications || '/' ||"
                      " open FROM agency_tally) || ' ' || (SELECT category ||"
                      " '/' || outcome || '/' || applications || '/' || open"
                      " FROM application_mix WHERE applications > 0) || ' '"
                      " || (SELECT applications || '/' || open"
                      " FROM agency_tree_tally) FROM application",
                      "") == XXGK_OK,
          "%s", s->err);
    CHECK(strcmp(got,
                 "reply 2024-05-20 granted 1/0 natural_person/granted/1/0"
                 " 1/0") ==
              0,
          "%s: %s", what, got);
    CHECK(store_query(s, text_cb, got,
                      "SELECT COALESCE(delivered, '-') FROM event", "") ==
              XXGK_OK,
          "%s", s->err);
    CHECK_STR(got, v >= 9 ? "2024-05-23" : "-");
    store_close(s);
    h_remove_db(dir, path);
  }
  facts_free(&fresh);
}

int main(void) {
  h_db_start();
  if (h_pg()) {
    test_same_schema();
    test_migrated(1, STORE_PG_N_MIGRATIONS);
  } else {
    test_migrated(0, STORE_SQLITE_N_MIGRATIONS);
  }
  printf("%d passed, %d failed\n", h_passed, h_failed);
  return h_failed ? 1 : 0;
}
