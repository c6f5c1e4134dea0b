/*
 * json_read.c — canonical JSON (docs/annual-report.md) back into a document,
 * walking the dictionary for the document's format.
 *
 * json-c is used rather than jansson because it keeps a number's printed
 * text: "9872.30340" comes back with all its digits, where a double would
 * round it. Every number is then read exactly by xxgk_num_parse.
 */
#include "internal.h"

#include <json-c/json.h>
#include <string.h>

json_object *json_parse(const char *s, size_t n, size_t *at,
                        const char **why) {
  json_tokener *tok = json_tokener_new();
  json_object *root = json_tokener_parse_ex(tok, s, (int)n);
  enum json_tokener_error err = json_tokener_get_error(tok);
  *at = json_tokener_get_parse_end(tok);
  json_tokener_free(tok);
  if (root && err == json_tokener_success)
    return root;
  json_object_put(root); /* json-c returns none with an error: if it did */
  *why = json_tokener_error_desc(err);
  return NULL;
}

static const char *opt_str(json_object *o, const char *key) {
  json_object *v;
  if (!json_object_object_get_ex(o, key, &v) ||
      !json_object_is_type(v, json_type_string))
    return NULL;
  return json_object_get_string(v);
}

static void read_cell(xxgk_doc *d, int row, int col, json_object *v,
                      const char *key) {
  if (!v || json_object_is_type(v, json_type_null))
    return;
  xxgk_cell c = {{0, 0}, XXGK_CELL_VALUE, 0, 0, XXGK_HOW_PLAIN};
  const char *text = json_object_get_string(v);
  if ((!json_object_is_type(v, json_type_int) &&
       !json_object_is_type(v, json_type_double)) ||
      xxgk_num_parse(text, strlen(text), &c.num) != 0) {
    doc_diag(d, "V1", XXGK_SEV_ERROR, 0, 0, "键 %s 的值“%s”不是数字", key,
             text);
    return;
  }
  xxgk_doc_set_cell(d, row, col, &c);
}

/* The `inferred` list back onto its cells: how each was read, and where. */
static void read_inferred(xxgk_doc *d, json_object *root) {
  json_object *list;
  if (!json_object_object_get_ex(root, "inferred", &list) ||
      !json_object_is_type(list, json_type_array))
    return;
  for (size_t i = 0; i < json_object_array_length(list); i++) {
    json_object *o = json_object_array_get_idx(list, i), *v;
    const char *key = opt_str(o, "key"), *how = opt_str(o, "how");
    int row, col, h = XXGK_HOW_BLANK;
    while (how && xxgk_how_name((xxgk_how)h) &&
           strcmp(xxgk_how_name((xxgk_how)h), how) != 0)
      h++;
    if (!key || !how || !xxgk_how_name((xxgk_how)h) ||
        (xxgk_dict_find_key(key, d->format, &row, &col) != 0 &&
         xxgk_dict_find_key(key, XXGK_FORMAT_ANY ^ d->format, &row,
                            &col) != 0))
      continue;
    const xxgk_cell *c = xxgk_doc_cell(d, row, col);
    if (!c || c->state == XXGK_CELL_ABSENT)
      continue;
    xxgk_cell x = *c;
    x.how = (xxgk_how)h;
    if (x.how == XXGK_HOW_BLANK)
      x.state = XXGK_CELL_BLANK;
    if (json_object_object_get_ex(o, "line", &v))
      x.line = (uint32_t)json_object_get_int64(v);
    if (json_object_object_get_ex(o, "column", &v))
      x.col = (uint32_t)json_object_get_int64(v);
    xxgk_doc_set_cell(d, row, col, &x);
  }
}

xxgk_status xxgk_doc_from_json(const char *buf, size_t n, xxgk_doc **out) {
  xxgk_doc *d = xxgk_doc_new(XXGK_FORMAT_NONE);
  *out = d;
  /* Before json-c sees it: its length is an int, and a negative one
   * would make it read up to a NUL. */
  if (n > XXGK_MAX_INPUT) {
    doc_diag(d, "P", XXGK_SEV_ERROR, 0, 0,
             "JSON 有 %zu 字节，超过 %d MiB 的上限，未读取", n,
             XXGK_MAX_INPUT >> 20);
    return XXGK_E_LIMIT;
  }
  size_t at;
  const char *why;
  json_object *root = json_parse(buf, n, &at, &why);
  if (!root) {
    doc_diag(d, "P", XXGK_SEV_ERROR, 0, 0, "JSON 无法解析（第%zu字节）：%s",
             at + 1, why);
    return XXGK_E_NOT_REPORT;
  }
  const char *fmt = json_object_is_type(root, json_type_object)
                        ? opt_str(root, "format")
                        : NULL;
  if (!fmt || (strcmp(fmt, "2019") != 0 && strcmp(fmt, "2021") != 0)) {
    doc_diag(d, "P", XXGK_SEV_ERROR, 0, 0,
             "JSON 不是年度报告：缺少 \"format\": \"2019\" 或 \"2021\"");
    json_object_put(root);
    return XXGK_E_NOT_REPORT;
  }
  d->format = strcmp(fmt, "2019") == 0 ? XXGK_FORMAT_2019 : XXGK_FORMAT_2021;
  json_object *v;
  if (json_object_object_get_ex(root, "year", &v) &&
      json_object_is_type(v, json_type_int))
    d->year = json_object_get_int(v);
  xxgk_doc_set_agency(d, opt_str(root, "agency"));
  xxgk_doc_set_title(d, opt_str(root, "title"));
  if (json_object_object_get_ex(root, "sections", &v))
    for (int s = 0; s < XXGK_N_SECTIONS; s++)
      xxgk_doc_set_section(d, (xxgk_section)s,
                           opt_str(v, xxgk_section_key((xxgk_section)s)));
  /* A table with a row of the other format only: the report mixed them
   * (xxgk_doc_table_format). */
  for (int i = 0; i < xxgk_dict_n_rows(); i++) {
    const xxgk_row_def *r = xxgk_dict_row(i);
    json_object *tab = NULL;
    if (r->key && xxgk_dict_find_row(r->table, r->key, d->format) < 0 &&
        json_object_object_get_ex(root, xxgk_dict_table(r->table)->key,
                                  &tab) &&
        json_object_object_get_ex(tab, r->key, NULL))
      xxgk_doc_set_table_format(d, r->table, XXGK_FORMAT_ANY);
  }
  for (int i = 0; i < xxgk_dict_n_rows(); i++) {
    const xxgk_row_def *r = xxgk_dict_row(i);
    if (!doc_has_row(d, r))
      continue;
    json_object *tab = NULL, *row = NULL;
    json_object_object_get_ex(root, xxgk_dict_table(r->table)->key, &tab);
    if (r->key)
      json_object_object_get_ex(tab, r->key, &row);
    else
      row = tab;
    for (int c = 0; c < r->n_cols; c++) {
      char key[128];
      xxgk_dict_key(i, c, key, sizeof key);
      json_object *cell = NULL;
      if (!row || !json_object_object_get_ex(row, r->cols[c].key, &cell)) {
        if (r->table != XXGK_T_FEES) /* fees are null when not stated */
          doc_diag(d, "V1", XXGK_SEV_ERROR, 0, 0, "JSON 缺少键 %s", key);
        continue;
      }
      read_cell(d, i, c, cell, key);
    }
  }
  read_inferred(d, root);
  json_object_put(root);
  return xxgk_doc_count(d, XXGK_SEV_ERROR) ? XXGK_E_INCOMPLETE : XXGK_OK;
}
