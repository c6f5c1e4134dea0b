/*
 * store_sqlite.c — the SQLite backend of store.h: one database file in WAL
 * mode with foreign keys on and synchronous=FULL (a committed command
 * survives a power cut), a busy timeout for a second clerk, versioned
 * schema migrations (store_schema.def) applied on open (PRAGMA
 * user_version), and a small cache of prepared statements. Every parameter
 * is bound, never spliced.
 *
 * The schema keeps what the register must never lose append-only in the
 * database itself: triggers RAISE on UPDATE or DELETE of the audit log, and
 * on DELETE of applications and events, and on an INSERT that would
 * REPLACE a row of these (migration 6); partial unique indexes allow one
 * final event and one extension per application.
 */
#include "internal.h"
#include "store.h"
#include "store_schema.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define N_CACHE 64
#define BUSY_MS 5000 /* how long a write waits for another's lock */

struct sqlite_store {
  struct store base;
  sqlite3 *db;
  struct {
    char *sql;          /* owned copy of the statement's text */
    sqlite3_stmt *stmt; /* prepared, reset after each use     */
  } cache[N_CACHE];
  int next_evict; /* round-robin victim when the cache is full */
};

static struct sqlite_store *S(struct store *s) {
  return (struct sqlite_store *)s;
}

/* A write the disk refused, said so that the user knows what to do:
 * SQLite's own words ("disk I/O error", "database or disk is full") name
 * neither the cause nor the remedy. The refused write never reaches the
 * WAL's commit frame, so the transaction is not stored; what was committed
 * before is untouched. Returns 0 if the last error is no such refusal. */
static int disk_refused(struct sqlite_store *q) {
  int code = sqlite3_extended_errcode(q->db);
  int sys = store_vfs_errno();
  const char *why, *fix;
  if (code == SQLITE_FULL || sys == ENOSPC) {
    why = "磁盘已满";
    fix = "请腾出磁盘空间";
  } else if ((code & 0xff) == SQLITE_IOERR && sys == EDQUOT) {
    why = "磁盘配额已用完";
    fix = "请腾出空间或提高配额";
  } else if ((code & 0xff) == SQLITE_IOERR && sys == EFBIG) {
    why = "文件超过了系统允许的大小";
    fix = "请放宽文件大小上限（ulimit -f）";
  } else {
    return 0;
  }
  const char *path = sqlite3_db_filename(q->db, "main");
  snprintf(q->base.err, sizeof q->base.err,
           "%s（%s），数据库 %.200s 写不进去：这次的改动没有保存，此前保存的"
           "数据完好；%s后重试",
           why, strerror(sys ? sys : ENOSPC), path && *path ? path : "", fix);
  return 1;
}

/* Another connection held the lock past the busy timeout: said in
 * Chinese, and flagged so that the caller can ask to retry (SQLite's
 * "database is locked" tells a clerk nothing). Returns 0 if not so. */
static int busy_refused(struct sqlite_store *q) {
  int code = sqlite3_extended_errcode(q->db) & 0xff;
  q->base.busy = code == SQLITE_BUSY || code == SQLITE_LOCKED;
  if (q->base.busy)
    snprintf(q->base.err, sizeof q->base.err,
             "登记簿正被另一项操作占用，等了 %d 秒仍未释放：这次的改动没有"
             "保存，请稍后重试",
             BUSY_MS / 1000);
  return q->base.busy;
}

static xxgk_status fail(struct sqlite_store *q, const char *what) {
  if (!q->db || !(busy_refused(q) || disk_refused(q)))
    snprintf(q->base.err, sizeof q->base.err, "%s: %s", what,
             q->db ? sqlite3_errmsg(q->db) : "out of memory");
  return XXGK_E_DB;
}

static void ss_close(struct store *s) {
  struct sqlite_store *q = S(s);
  for (int i = 0; i < N_CACHE; i++) {
    sqlite3_finalize(q->cache[i].stmt);
    free(q->cache[i].sql);
  }
  sqlite3_close(q->db);
  free(q);
}

static xxgk_status simple(struct sqlite_store *q, const char *sql) {
  char *msg = NULL;
  store_vfs_errno(); /* a refusal before (a checkpoint's) is not this one's */
  if (sqlite3_exec(q->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
    if (!busy_refused(q) && !disk_refused(q))
      snprintf(q->base.err, sizeof q->base.err, "%s", msg ? msg : "?");
    sqlite3_free(msg);
    return XXGK_E_DB;
  }
  return XXGK_OK;
}

static xxgk_status ss_begin(struct store *s, int write) {
  return simple(S(s), write ? "BEGIN IMMEDIATE" : "BEGIN");
}

static xxgk_status ss_commit(struct store *s) { return simple(S(s), "COMMIT"); }

static void ss_rollback(struct store *s) {
  struct sqlite_store *q = S(s);
  if (!sqlite3_get_autocommit(q->db))
    sqlite3_exec(q->db, "ROLLBACK", NULL, NULL, NULL);
}

/* A prepared statement for sql from the cache, or newly prepared (and
 * cached). Returns NULL on a prepare error. */
static sqlite3_stmt *prepare(struct sqlite_store *q, const char *sql) {
  for (int i = 0; i < N_CACHE; i++)
    if (q->cache[i].sql && (q->cache[i].sql == sql ||
                            strcmp(q->cache[i].sql, sql) == 0))
      return q->cache[i].stmt;
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(q->db, sql, -1, &st, NULL) != SQLITE_OK)
    return NULL;
  int slot = -1;
  for (int i = 0; i < N_CACHE && slot < 0; i++)
    if (!q->cache[i].sql)
      slot = i;
  /* Never a statement still stepping: a row callback may run a query of
   * its own (the list's deadlines) while its caller's is active. */
  for (int i = 0; i < N_CACHE && slot < 0; i++) {
    int k = (q->next_evict + i) % N_CACHE;
    if (!sqlite3_stmt_busy(q->cache[k].stmt))
      slot = k;
  }
  if (slot < 0) { /* 64 queries stepping at once: never (they nest 2 deep) */
    sqlite3_finalize(st);
    return NULL;
  }
  if (q->cache[slot].sql) {
    q->next_evict = (slot + 1) % N_CACHE;
    sqlite3_finalize(q->cache[slot].stmt);
    free(q->cache[slot].sql);
  }
  q->cache[slot].sql = xxgk_strdup(sql);
  q->cache[slot].stmt = st;
  return st;
}

#define MAX_COLS 32

static xxgk_status ss_exec(struct store *s, const char *sql,
                           const store_val *p, int n, store_row_cb cb,
                           void *ctx) {
  struct sqlite_store *q = S(s);
  store_vfs_errno(); /* as in simple() */
  sqlite3_stmt *st = prepare(q, sql);
  if (!st)
    return fail(q, "SQL");
  for (int i = 0; i < n; i++) {
    /* bytes bound in place: the bindings are cleared before this returns
     * (a file of 10 MB is not copied once more) */
    int rc = p[i].t == SV_INT    ? sqlite3_bind_int64(st, i + 1, p[i].i)
             : p[i].t == SV_TEXT ? sqlite3_bind_text(st, i + 1, p[i].s, -1,
                                                     SQLITE_TRANSIENT)
             : p[i].t == SV_BLOB ? sqlite3_bind_blob64(st, i + 1, p[i].s,
                                                       p[i].n, SQLITE_STATIC)
                                 : sqlite3_bind_null(st, i + 1);
    if (rc != SQLITE_OK) {
      sqlite3_reset(st);
      sqlite3_clear_bindings(st);
      return fail(q, "bind");
    }
  }
  xxgk_status ret = XXGK_OK;
  int ncol = 0;
  const char *names_small[MAX_COLS], **names = names_small;
  store_val v_small[MAX_COLS], *v = v_small;
  for (int first = 1;; first = 0) {
    int rc = sqlite3_step(st);
    if (rc == SQLITE_DONE)
      break;
    if (rc != SQLITE_ROW) {
      ret = fail(q, "SQL");
      break;
    }
    if (!cb)
      continue;
    /* The columns after the first step: a step re-prepares a statement
     * whose schema changed (another connection created tables, as the
     * corpus does in the register's file), which frees the names taken
     * before it. Most rows are narrow; a wide one (the corpus's one
     * column per key) gets heap arrays rather than losing columns. */
    if (first) {
      ncol = sqlite3_column_count(st);
      if (ncol > MAX_COLS) {
        names = xxgk_calloc((size_t)ncol, sizeof *names);
        v = xxgk_calloc((size_t)ncol, sizeof *v);
      }
      for (int c = 0; c < ncol; c++)
        names[c] = sqlite3_column_name(st, c);
    }
    for (int c = 0; c < ncol; c++) {
      switch (sqlite3_column_type(st, c)) {
      case SQLITE_NULL:
        v[c].t = SV_NULL;
        break;
      case SQLITE_INTEGER:
        v[c].t = SV_INT;
        v[c].i = sqlite3_column_int64(st, c);
        break;
      case SQLITE_BLOB:
        v[c].t = SV_BLOB;
        v[c].s = sqlite3_column_blob(st, c);
        v[c].n = (size_t)sqlite3_column_bytes(st, c);
        break;
      default:
        v[c].t = SV_TEXT;
        v[c].s = (const char *)sqlite3_column_text(st, c);
        if (!v[c].s)
          v[c].t = SV_NULL;
        break;
      }
    }
    store_row row = {ncol, names, v};
    if (cb(ctx, &row))
      break;
  }
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
  if (names != names_small) {
    free(names);
    free(v);
  }
  return ret;
}

static int ss_version(struct store *s) {
  struct sqlite_store *q = S(s);
  sqlite3_stmt *st;
  int v = -1;
  if (sqlite3_prepare_v2(q->db, "PRAGMA user_version", -1, &st, NULL) ==
      SQLITE_OK) {
    if (sqlite3_step(st) == SQLITE_ROW)
      v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
  }
  return v;
}

/* The trigram query for search s: one phrase, quotes doubled, so every
 * character is literal (FTS5's own syntax, '*', '-', ':', stays plain).
 * NULL when the index cannot answer: fewer than three characters (no
 * trigram), or not valid UTF-8 (the tokenizer would read other
 * characters than instr() compares). Caller frees.
 *
 * On valid UTF-8 a phrase of trigrams matches exactly the texts holding
 * s. A stored text that is not valid UTF-8 is read by the tokenizer with
 * its stray bytes made U+FFFD or merged into the character before them:
 * the index may then offer a row that does not hold s (instr() drops it),
 * or miss one where s ends just before a stray continuation byte (the
 * register does not check that its texts are UTF-8; tests/test_reg_filter
 * keeps to valid text). */
static char *trigram_query(const char *s) {
  return store_search_literal(s, '"', "\"", '"');
}

static const struct store_dialect DIALECT = {
    .text_match = " AND a.id IN (SELECT rowid FROM application_text"
                  " WHERE application_text MATCH ?)",
    .text_count = "SELECT COUNT(*) FROM (SELECT rowid FROM application_text"
                  " WHERE application_text MATCH ? LIMIT ?)",
    .text_pattern = trigram_query,
    .json_ints = "(SELECT value, key FROM json_each(?))",
    .columns = "SELECT name FROM pragma_table_info(?)",
    .id_key = "INTEGER PRIMARY KEY",
    .events_join = " LEFT JOIN event e"
                   " ON e.application_id = a.id AND e.voided IS NULL",
};

static const struct store_ops OPS = {
    "sqlite",   ss_close, ss_begin, ss_commit, ss_rollback,
    ss_exec,    ss_version,
    NULL, /* ids_given: SQLite numbers past the largest id by itself */
    &DIALECT,
    NULL, /* send: exec, in process, waits for nothing */
    NULL,
    NULL, /* bulk: its triggers update their tallies in place */
    NULL, /* listen: one process serves a file; it keeps no session */
    NULL};

/* Applies every migration past the file's version, each in a transaction
 * of its own (a failed step leaves the previous version intact). */
static xxgk_status migrate(struct sqlite_store *q) {
  int v = ss_version(&q->base);
  if (v > STORE_SQLITE_N_MIGRATIONS) {
    snprintf(q->base.err, sizeof q->base.err,
             "数据库结构版本 %d 比本程序支持的 %d 新，请升级 xxgk", v,
             STORE_SQLITE_N_MIGRATIONS);
    return XXGK_E_DB;
  }
  for (; v < STORE_SQLITE_N_MIGRATIONS; v++) {
    char set[64];
    snprintf(set, sizeof set, "PRAGMA user_version = %d", v + 1);
    xxgk_status st = simple(q, "BEGIN IMMEDIATE");
    if (st == XXGK_OK)
      st = simple(q, STORE_SQLITE_MIGRATIONS[v]);
    if (st == XXGK_OK)
      st = simple(q, set);
    if (st == XXGK_OK)
      st = simple(q, "COMMIT");
    if (st != XXGK_OK) {
      char why[sizeof q->base.err];
      snprintf(why, sizeof why, "%s", q->base.err);
      ss_rollback(&q->base);
      snprintf(q->base.err, sizeof q->base.err,
               "数据库结构升级到第 %d 版失败：%.400s", v + 1, why);
      return st;
    }
  }
  return XXGK_OK;
}

struct store *store_open_sqlite(const char *path, int create,
                                xxgk_status *st) {
  struct sqlite_store *q = xxgk_calloc(1, sizeof *q);
  q->base.ops = &OPS;
  int memory = strcmp(path, ":memory:") == 0;
  struct stat sb;
  if (!memory && !create && stat(path, &sb) != 0) {
    snprintf(q->base.err, sizeof q->base.err,
             "登记簿数据库 %s 不存在；新建请先运行 xxgk db init --db %s", path,
             path);
    *st = XXGK_E_IO;
    return &q->base;
  }
  /* NOMUTEX: a store is used by one thread at a time (the web server
   * opens one per thread), so SQLite's per-call locking is only cost. */
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
              (create ? SQLITE_OPEN_CREATE : 0);
  store_vfs_errno();
  if (sqlite3_open_v2(path, &q->db, flags, store_vfs()) != SQLITE_OK) {
    *st = fail(q, "打开数据库失败");
    *st = XXGK_E_IO;
    return &q->base;
  }
  sqlite3_busy_timeout(q->db, BUSY_MS);
  *st = simple(q, "PRAGMA foreign_keys = ON");
  if (*st == XXGK_OK && !memory)
    *st = simple(q, "PRAGMA journal_mode = WAL");
  if (*st == XXGK_OK)
    *st = simple(q, "PRAGMA synchronous = FULL");
  /* Reads through a memory map of the file rather than a copy of each
   * page: the report of a large register reads tens of MB (SQLite caps the
   * size at its own limit). */
  if (*st == XXGK_OK && !memory)
    *st = simple(q, "PRAGMA mmap_size = 1073741824");

  if (*st == XXGK_OK)
    *st = migrate(q);
  return &q->base;
}
