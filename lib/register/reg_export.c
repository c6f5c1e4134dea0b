/*
 * reg_export.c — the whole register as one JSON document, for backup and
 * for moving it: every table (the audit log included), every row with its
 * id, one row per line so two exports diff well:
 *
 *   {"xxgk_register": 1, "schema": 1, "tables": {
 *   "agency": [
 *   {"id":1,"parent_id":null,"name":"…"},
 *   …]}}
 *
 * Import restores such a document into an empty register in one
 * transaction, exactly (ids kept), so export → import → export is the
 * identity. It adds no audit record of its own: the log it restores is the
 * register's history, and a restore is not a change to it. What the
 * schema derives (the tallies, the agency tree, the trigram index of the
 * applications' texts) is not in the file: the import's inserts make it
 * again through the triggers. Bytes (an attachment's file) travel as
 * {"base64": "…"}.
 */
#include "reg.h"

#include <json-c/json.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const reg_tables[] = {
    "agency", "agency_user", "application", "event",  "event_void",
    "review", "review_application", "record", "figure", "application_code",
    "narrative", "holiday", "attachment", "delivery", "round",
    "round_unit", "round_version", "round_note", "audit", NULL};
_Static_assert(sizeof reg_tables / sizeof reg_tables[0] == REG_N_TABLES + 1,
               "REG_N_TABLES counts reg_tables");
#define TABLES reg_tables
#define N_TABLES REG_N_TABLES

#define MAX_COLS 32

struct out {
  buf b;
  int n;
};

/* {"base64": "…"} of the bytes. */
static json_object *bytes_json(const store_val *v) {
  size_t cap = sodium_base64_encoded_len(v->n, sodium_base64_VARIANT_ORIGINAL);
  char *b64 = xxgk_malloc(cap);
  sodium_bin2base64(b64, cap, (const unsigned char *)v->s, v->n,
                    sodium_base64_VARIANT_ORIGINAL);
  json_object *o = json_object_new_object();
  json_object_object_add(o, "base64", json_object_new_string(b64));
  free(b64);
  return o;
}

static int put_row(void *ctx, const store_row *row) {
  struct out *o = ctx;
  json_object *j = reg_row_object(row, bytes_json);
  buf_puts(&o->b, o->n++ ? ",\n" : "\n");
  buf_puts(&o->b, json_object_to_json_string_ext(
                      j, JSON_C_TO_STRING_PLAIN |
                             JSON_C_TO_STRING_NOSLASHESCAPE));
  json_object_put(j);
  return 0;
}

xxgk_status xxgk_reg_export(xxgk_reg *r, char **json) {
  *json = NULL;
  struct out o = {{0}, 0};
  xxgk_status st = reg_begin(r, 0);
  buf_printf(&o.b, "{\"xxgk_register\": 1, \"schema\": %d, \"tables\": {",
             xxgk_reg_schema_version(r));
  for (int t = 0; st == XXGK_OK && t < N_TABLES; t++) {
    char sql[96];
    snprintf(sql, sizeof sql, "SELECT * FROM %s ORDER BY id", TABLES[t]);
    buf_printf(&o.b, "%s\n\"%s\": [", t ? "," : "", TABLES[t]);
    o.n = 0;
    if (store_query(r->st, put_row, &o, sql, "") != XXGK_OK)
      st = reg_db(r);
    buf_puts(&o.b, "]");
  }
  buf_puts(&o.b, "}}\n");
  st = reg_end(r, st);
  if (st == XXGK_OK)
    *json = buf_detach(&o.b);
  buf_free(&o.b);
  return st;
}

/* A column name as the schema writes them: a lower-case letter, then
 * letters, digits ("sha256") and '_'. */
static int ident(const char *s) {
  if (!(*s >= 'a' && *s <= 'z') || strlen(s) > 32)
    return 0;
  for (; *s; s++)
    if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
      return 0;
  return 1;
}

/* The bytes of {"base64": "…"} into *out (malloc'd), *n of them; -1 if
 * val is no such object. */
static int json_bytes(json_object *val, unsigned char **out, size_t *n) {
  json_object *b64;
  if (!json_object_is_type(val, json_type_object) ||
      !json_object_object_get_ex(val, "base64", &b64) ||
      !json_object_is_type(b64, json_type_string))
    return -1;
  size_t len = (size_t)json_object_get_string_len(b64);
  *out = xxgk_malloc(len / 4 * 3 + 3);
  return sodium_base642bin(*out, len / 4 * 3 + 3, json_object_get_string(b64),
                           len, NULL, n, NULL,
                           sodium_base64_VARIANT_ORIGINAL);
}

static xxgk_status import_row(xxgk_reg *r, const char *table, json_object *o,
                              size_t i) {
  if (!json_object_is_type(o, json_type_object))
    return reg_fail(r, XXGK_E_REFUSED, "导入文件中 %s 的第 %zu 行不是对象",
                    table, i + 1);
  store_val v[MAX_COLS];
  unsigned char *bytes[MAX_COLS] = {0}; /* decoded base64, freed at the end */
  buf sql = {0};
  int n = 0;
  xxgk_status st = XXGK_OK;
  buf_printf(&sql, "INSERT INTO %s (", table);
  json_object_object_foreach(o, key, val) {
    if (n == MAX_COLS || !ident(key)) {
      st = reg_fail(r, XXGK_E_REFUSED, "导入文件中 %s 有无效的列名“%s”",
                    table, key);
      break;
    }
    buf_printf(&sql, "%s%s", n ? ", " : "", key);
    if (!val) {
      v[n].t = SV_NULL;
    } else if (json_object_is_type(val, json_type_int)) {
      v[n].t = SV_INT;
      v[n].i = json_object_get_int64(val);
    } else if (json_object_is_type(val, json_type_string)) {
      v[n].t = SV_TEXT;
      v[n].s = json_object_get_string(val);
    } else if (json_bytes(val, &bytes[n], &v[n].n) == 0) {
      v[n].t = SV_BLOB;
      v[n].s = (const char *)bytes[n];
    } else {
      st = reg_fail(r, XXGK_E_REFUSED,
                    "导入文件中 %s 第 %zu 行的 %s 不是整数、文本、null 或"
                    " {\"base64\": …}",
                    table, i + 1, key);
      n++;
      break;
    }
    n++;
  }
  buf_puts(&sql, ") VALUES (");
  for (int k = 0; k < n; k++)
    buf_puts(&sql, k ? ", ?" : "?");
  buf_puts(&sql, ")");
  if (st == XXGK_OK &&
      r->st->ops->exec(r->st, sql.data, v, n, NULL, NULL) != XXGK_OK)
    st = reg_fail(r, XXGK_E_REFUSED, "导入 %s 第 %zu 行失败：%s", table,
                  i + 1, r->st->err);
  buf_free(&sql);
  for (int k = 0; k < n; k++)
    free(bytes[k]);
  return st;
}

static xxgk_status import_doc(xxgk_reg *r, json_object *root) {
  json_object *mark, *schema, *tables;
  if (!json_object_object_get_ex(root, "xxgk_register", &mark) ||
      !json_object_object_get_ex(root, "tables", &tables) ||
      !json_object_is_type(tables, json_type_object))
    return reg_fail(r, XXGK_E_REFUSED,
                    "这不是 xxgk db export 导出的登记簿文件");
  int want = xxgk_reg_schema_version(r);
  if (!json_object_object_get_ex(root, "schema", &schema) ||
      json_object_get_int(schema) != want)
    return reg_fail(r, XXGK_E_REFUSED,
                    "导出文件的结构版本（%d）与本登记簿（%d）不同，请用同一版本的"
                    " xxgk 导入",
                    schema ? json_object_get_int(schema) : 0, want);
  for (int t = 0; t < N_TABLES; t++) {
    char sql[64];
    int64_t rows;
    snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s", TABLES[t]);
    if (store_int(r->st, &rows, NULL, sql, "") != XXGK_OK)
      return reg_db(r);
    if (rows)
      return reg_fail(r, XXGK_E_REFUSED,
                      "登记簿不是空的（%s 已有 %lld 行）；导入只能恢复到新建的"
                      "登记簿（xxgk db init --db 新文件）",
                      TABLES[t], (long long)rows);
  }
  json_object_object_foreach(tables, name, arr) {
    int known = 0;
    for (int t = 0; t < N_TABLES; t++)
      known |= strcmp(name, TABLES[t]) == 0;
    if (!known || !json_object_is_type(arr, json_type_array))
      return reg_fail(r, XXGK_E_REFUSED, "导入文件中有未知的表“%s”", name);
  }
  for (int t = 0; t < N_TABLES; t++) {
    json_object *arr;
    if (!json_object_object_get_ex(tables, TABLES[t], &arr))
      continue;
    size_t n = json_object_array_length(arr);
    for (size_t i = 0; i < n; i++) {
      xxgk_status st =
          import_row(r, TABLES[t], json_object_array_get_idx(arr, i), i);
      if (st != XXGK_OK)
        return st;
    }
  }
  for (int t = 0; r->st->ops->ids_given && t < N_TABLES; t++)
    if (r->st->ops->ids_given(r->st, TABLES[t]) != XXGK_OK)
      return reg_db(r);
  /* The final events copied onto the applications are derived data: made
   * again from the events, whatever the file said. */
  if (store_run(r->st, STORE_SQL_DERIVE_FINAL, "") != XXGK_OK)
    return reg_db(r);
  return XXGK_OK;
}

xxgk_status xxgk_reg_import(xxgk_reg *r, const char *json, size_t n) {
  if (n > (size_t)INT32_MAX)
    return reg_fail(r, XXGK_E_REFUSED, "导入文件太大");
  if (utf8_valid_prefix(json, n) != n)
    return reg_fail(r, XXGK_E_REFUSED,
                    "导入文件不是有效的 UTF-8 文本（第 %zu 个字节起）",
                    utf8_valid_prefix(json, n) + 1);
  json_tokener *tok = json_tokener_new();
  json_object *root = json_tokener_parse_ex(tok, json, (int)n);
  enum json_tokener_error je = json_tokener_get_error(tok);
  size_t at = json_tokener_get_parse_end(tok);
  json_tokener_free(tok);
  if (!root || je != json_tokener_success) {
    json_object_put(root);
    return reg_fail(r, XXGK_E_REFUSED, "导入文件不是有效的 JSON（第 %zu 字节"
                    "附近：%s）",
                    at, json_tokener_error_desc(je));
  }
  xxgk_status st = reg_begin(r, 1);
  if (st == XXGK_OK)
    st = import_doc(r, root);
  json_object_put(root);
  return reg_end(r, st);
}
