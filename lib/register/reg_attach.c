/*
 * reg_attach.c — files kept with an application: the signed reply, a scan
 * of the 送达回证, the applicant's proof of identity. Each is stored in the
 * register itself (table attachment, its bytes a BLOB), so that a backup,
 * an export and a transaction carry it with the event it proves — never a
 * file beside the database that a copy forgets or a crash leaves without
 * its row; its SHA-256 (libsodium) checked on every read, its media type read
 * from the bytes (libmagic: the name an upload claims proves nothing) against a
 * short list of the types an office scans and signs in. The audit log gets the
 * description and the hash, never the bytes.
 */
#include "reg.h"

#include "dl.h"

#include <magic.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const xxgk_attach_keys[] = {[XXGK_ATT_IDENTITY] = "identity",
                                        [XXGK_ATT_SIGNED] = "signed",
                                        [XXGK_ATT_RECEIPT] = "receipt",
                                        [XXGK_ATT_OTHER] = "other",
                                        [XXGK_N_ATT] = NULL};

static const char *const LABELS[XXGK_N_ATT] = {[XXGK_ATT_IDENTITY] = "身份证明",
                                               [XXGK_ATT_SIGNED] = "签发的文书",
                                               [XXGK_ATT_RECEIPT] = "送达回证",
                                               [XXGK_ATT_OTHER] = "其他"};

const char *xxgk_attach_key(xxgk_attach_kind k) {
  return reg_name(xxgk_attach_keys, XXGK_N_ATT, (int)k);
}

const char *xxgk_attach_label(xxgk_attach_kind k) {
  return reg_name(LABELS, XXGK_N_ATT, (int)k);
}

int xxgk_attach_find(const char *key) {
  return reg_name_find(xxgk_attach_keys, NULL, XXGK_N_ATT, key);
}

/* What an office scans (PDF, JPEG, PNG, TIFF) and signs (Word). */
static const char *const TYPES[] = {
    "application/pdf",
    "image/jpeg",
    "image/png",
    "image/tiff",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/msword",
    NULL};

const char *xxgk_attach_types(void) {
  return "PDF、JPEG、PNG、TIFF、Word（DOCX、DOC）";
}

/* libmagic, loaded on first use (dl.h): only attaching needs it. */
#define DL_MAGIC_FUNCS(X)                                                      \
  X(magic_open)                                                                \
  X(magic_load)                                                                \
  X(magic_buffer)                                                              \
  X(magic_close)
DL_DECLARE(magic, DL_MAGIC_FUNCS)
DL_DEFINE(magic, "识别附件的文件类型", XXGK_SONAME_MAGIC, "libmagic1",
          DL_MAGIC_FUNCS)

/* The media type libmagic reads in the bytes, if it is one of TYPES (a
 * static string); else NULL with what it saw (or why it could not look)
 * in seen. */
static const char *sniff(const void *bytes, size_t n, char *seen, size_t cap) {
  const struct dl_magic *x = dl_magic(seen, cap);
  if (!x)
    return NULL;
  /* one handle per call: libmagic's are not shared between threads, and
   * loading its compiled database maps a file */
  magic_t m = x->magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR);
  const char *t = NULL;
  if (m && x->magic_load(m, NULL) == 0)
    t = x->magic_buffer(m, bytes, n);
  snprintf(seen, cap, "%s", t ? t : "无法识别");
  const char *hit = NULL;
  for (int i = 0; t && TYPES[i] && !hit; i++)
    if (strcmp(t, TYPES[i]) == 0)
      hit = TYPES[i];
  if (m)
    x->magic_close(m);
  return hit;
}

static void hash_hex(const void *bytes, size_t n, char out[65]) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, bytes, n);
  sodium_bin2hex(out, 65, h, sizeof h);
}

/* A file's name as given: UTF-8, no directory, no control character. */
static xxgk_status check_name(xxgk_reg *r, const char *name) {
  if (!name || !*name)
    return reg_fail(r, XXGK_E_REFUSED, "请给出附件的原文件名");
  xxgk_status st = REG_TEXTS(r, "附件文件名", name);
  if (st != XXGK_OK)
    return st;
  if (strlen(name) > 255)
    return reg_fail(r, XXGK_E_REFUSED, "附件文件名太长（至多 255 字节）");
  for (const unsigned char *p = (const unsigned char *)name; *p; p++)
    if (*p < 0x20 || *p == 0x7f || *p == '/' || *p == '\\')
      return reg_fail(r, XXGK_E_REFUSED,
                      "附件文件名不能含目录分隔符（/ \\）或控制字符");
  return XXGK_OK;
}

struct owner {
  int64_t case_id;
  int kind;
};

static int take_owner(void *ctx, const store_row *row) {
  struct owner *o = ctx;
  o->case_id = row->v[0].i;
  o->kind = xxgk_event_find(row->v[1].s);
  return 1;
}

xxgk_status reg_event_of(xxgk_reg *r, int64_t event_id, int64_t *case_id,
                         xxgk_event_kind *kind) {
  struct owner o = {0, -1};
  if (store_query(r->st, take_owner, &o,
                  "SELECT application_id, kind FROM event WHERE id = ? AND"
                  " voided IS NULL",
                  "i", event_id) != XXGK_OK)
    return reg_db(r);
  if (!o.case_id || o.kind < 0)
    return reg_fail(r, XXGK_E_REFUSED, "办理记录 %lld 不存在或已作废",
                    (long long)event_id);
  *case_id = o.case_id;
  if (kind)
    *kind = (xxgk_event_kind)o.kind;
  return XXGK_OK;
}

/* The checks of a file before it is kept; sets *type. */
static xxgk_status check_file(xxgk_reg *r, const char *name, const void *bytes,
                              size_t n, const char **type) {
  char seen[256];
  xxgk_status st = check_name(r, name);
  if (st == XXGK_OK && n == 0)
    st = reg_fail(r, XXGK_E_REFUSED, "附件“%s”是空文件", name);
  if (st == XXGK_OK && n > XXGK_ATTACH_MAX)
    st = reg_fail(r, XXGK_E_REFUSED,
                  "附件“%s”有 %.1f MB，超过了 %d MB 的上限；请压缩或分成几个"
                  "文件",
                  name, (double)n / (1024 * 1024),
                  XXGK_ATTACH_MAX / (1024 * 1024));
  if (st == XXGK_OK && !(*type = sniff(bytes, n, seen, sizeof seen)))
    st = reg_fail(r, XXGK_E_REFUSED,
                  "附件“%s”的类型（%s）不能上传：只收 %s 文件", name, seen,
                  xxgk_attach_types());
  return st;
}

xxgk_status xxgk_reg_attach_check(xxgk_reg *r, const char *name,
                                  const void *bytes, size_t n) {
  const char *type;
  r->err[0] = 0;
  return check_file(r, name, bytes, n, &type);
}

xxgk_status xxgk_reg_attach(xxgk_reg *r, xxgk_attachment *a, const void *bytes,
                            size_t n) {
  const char *type = NULL;
  xxgk_status st = (unsigned)a->kind >= XXGK_N_ATT
                       ? reg_fail(r, XXGK_E_REFUSED, "附件类别不对")
                       : check_file(r, a->name, bytes, n, &type);
  if (st != XXGK_OK)
    return st;
  if (sodium_init() < 0)
    return reg_fail(r, XXGK_E_DB, "libsodium 初始化失败");
  hash_hex(bytes, n, a->sha256);
  a->media_type = type;
  a->size = (int64_t)n;
  st = reg_begin(r, 1);
  int64_t owner = 0;
  if (st == XXGK_OK)
    st = reg_case_agency(r, a->case_id, &owner);
  if (st == XXGK_OK && a->event_id) {
    int64_t of = 0;
    st = reg_event_of(r, a->event_id, &of, NULL);
    if (st == XXGK_OK && of != a->case_id)
      st = reg_fail(r, XXGK_E_REFUSED, "办理记录 %lld 不属于申请 %lld",
                    (long long)a->event_id, (long long)a->case_id);
  }
  char at[32];
  reg_now(r, at);
  if (st == XXGK_OK)
    st = reg_add(r, "attachment.add", "attachment", &a->id,
                 "INSERT INTO attachment (application_id, event_id, kind, name,"
                 " media_type, size, sha256, content, at, who) VALUES (?, ?, ?,"
                 " ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 "iIttti"
                 "tbtt",
                 a->case_id, a->event_id, xxgk_attach_key(a->kind), a->name,
                 type, a->size, a->sha256, bytes, n, at, r->user);
  return reg_end(r, st);
}

/* ## Reading */

#define ATTACH_COLUMNS                                                         \
  "SELECT t.id, t.application_id, t.event_id, t.kind, t.name, t.media_type,"   \
  " t.size, t.sha256, a.agency_id, t.at, t.who, t.void_reason"

static void read_attachment(const store_row *row, xxgk_attachment *a) {
  const store_val *v = row->v;
  memset(a, 0, sizeof *a);
  a->id = v[0].i;
  a->case_id = v[1].i;
  a->event_id = v[2].t == SV_INT ? v[2].i : 0;
  int k = xxgk_attach_find(v[3].s);
  a->kind = k < 0 ? XXGK_ATT_OTHER : (xxgk_attach_kind)k;
  a->name = v[4].s;
  /* the stored type as the static string of TYPES (the web server's
   * Content-Type must outlive the row) */
  a->media_type = "application/octet-stream";
  for (int i = 0; TYPES[i]; i++)
    if (strcmp(v[5].s, TYPES[i]) == 0)
      a->media_type = TYPES[i];
  a->size = v[6].i;
  snprintf(a->sha256, sizeof a->sha256, "%s", v[7].s);
  a->agency_id = v[8].i;
  a->at = v[9].s;
  a->who = v[10].s;
  a->voided = store_text(&v[11]);
}

struct lister {
  int (*cb)(void *ctx, const xxgk_attachment *a);
  void *ctx;
};

static int list_row(void *ctx, const store_row *row) {
  struct lister *l = ctx;
  xxgk_attachment a;
  read_attachment(row, &a);
  return l->cb(l->ctx, &a);
}

/* Runs `sql` (ATTACH_COLUMNS and the rest) with one id in a read
 * transaction; the transaction's status. */
static xxgk_status read_files(xxgk_reg *r, const char *sql, int64_t id,
                              store_row_cb cb, void *ctx) {
  return reg_read(r, cb, ctx, sql, "i", id);
}

xxgk_status xxgk_reg_attach_list(xxgk_reg *r, int64_t case_id,
                                 int (*cb)(void *ctx, const xxgk_attachment *a),
                                 void *ctx) {
  struct lister l = {cb, ctx};
  return read_files(r,
                    ATTACH_COLUMNS " FROM attachment t JOIN application a ON"
                                   " a.id = t.application_id WHERE"
                                   " t.application_id = ? ORDER BY t.id",
                    case_id, list_row, &l);
}

struct getter {
  xxgk_reg *r;
  int (*cb)(void *ctx, const xxgk_attachment *a, const void *bytes, size_t n);
  void *ctx;
  int found;
  xxgk_status st;
};

static int get_row(void *ctx, const store_row *row) {
  struct getter *g = ctx;
  xxgk_attachment a;
  read_attachment(row, &a);
  g->found = 1;
  const store_val *c = &row->v[12];
  char hex[65] = "";
  if (c->t == SV_BLOB && (int64_t)c->n == a.size)
    hash_hex(c->s, c->n, hex);
  if (strcmp(hex, a.sha256) != 0)
    g->st = reg_fail(g->r, XXGK_E_DB,
                     "附件 %lld 的内容与登记时的 SHA-256 不符：数据库已损坏，"
                     "请从备份恢复",
                     (long long)a.id);
  else
    g->cb(g->ctx, &a, c->s, c->n);
  return 1;
}

xxgk_status xxgk_reg_attach_get(xxgk_reg *r, int64_t id,
                                int (*cb)(void *ctx, const xxgk_attachment *a,
                                          const void *bytes, size_t n),
                                void *ctx) {
  if (sodium_init() < 0)
    return reg_fail(r, XXGK_E_DB, "libsodium 初始化失败");
  struct getter g = {r, cb, ctx, 0, XXGK_OK};
  xxgk_status st =
      read_files(r,
                 ATTACH_COLUMNS ", t.content FROM attachment t JOIN"
                                " application a ON a.id = t.application_id"
                                " WHERE t.id = ?",
                 id, get_row, &g);
  if (st == XXGK_OK && !g.found)
    st = reg_fail(r, XXGK_E_REFUSED, "附件 %lld 不存在", (long long)id);
  return st == XXGK_OK ? g.st : st;
}

/* ## Voiding (attachments and deliveries alike) */

xxgk_status reg_void_row(xxgk_reg *r, const char *table, const char *what,
                         int64_t id, const char *reason) {
  char sql[160], action[48];
  xxgk_status st = reg_begin(r, 1);
  int found = 0;
  int64_t voided = 0;
  if (st == XXGK_OK)
    st = reg_reason(r, "作废", reason);
  snprintf(sql, sizeof sql,
           "SELECT CASE WHEN void_reason IS NULL THEN 0 ELSE 1 END FROM %s"
           " WHERE id = ?", table);
  if (st == XXGK_OK)
    st = reg_ok(r, store_int(r->st, &voided, &found, sql, "i", id));
  if (st == XXGK_OK && !found)
    st = reg_fail(r, XXGK_E_REFUSED, "%s %lld 不存在", what, (long long)id);
  if (st == XXGK_OK && voided)
    st = reg_fail(r, XXGK_E_REFUSED, "%s %lld 已经作废", what, (long long)id);
  char *before = st == XXGK_OK ? reg_row_json(r, table, id) : NULL;
  char at[32];
  reg_now(r, at);
  snprintf(sql, sizeof sql,
           "UPDATE %s SET void_reason = ?, void_at = ?, void_by = ? WHERE id"
           " = ?",
           table);
  if (st == XXGK_OK)
    st = reg_ok(r, store_run(r->st, sql, "ttti", reason, at, r->user, id));
  snprintf(action, sizeof action, "%s.void", table);
  if (st == XXGK_OK)
    st = reg_audit_why(r, action, table, id, before, reason);
  free(before);
  return reg_end(r, st);
}

xxgk_status xxgk_reg_attach_void(xxgk_reg *r, int64_t id, const char *reason) {
  return reg_void_row(r, "attachment", "附件", id, reason);
}
