/*
 * srv_round_unit.c — a unit's page in a round: its row, its versions
 * (newest first, each with its findings as kept, the notes on them and
 * what changed from the version before), this year's tables beside last
 * year's, and the forms — the unit's (build from the register, upload,
 * submit, answer a finding) or the office's (return, approve, comment);
 * and the unit's writes.
 */
#include "srv_round.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ## A unit's page: its row, versions, findings and notes */

struct note {
  int version, finding;
  xxgk_side side;
  char *cell; /* the dictionary's key, or NULL */
  char *at, *who, *text;
};

struct notes {
  struct note *v;
  int n, cap;
};

static int take_note(void *ctx, const xxgk_round_note *n) {
  struct notes *l = ctx;
  l->v = srv_grow(l->v, l->n, &l->cap, sizeof *l->v);
  l->v[l->n++] =
      (struct note){n->version,          n->finding,        n->side,
                    n->cell ? srv_strdup(n->cell) : NULL,
                    srv_strdup(n->at), srv_strdup(n->who), srv_strdup(n->text)};
  return 0;
}

static void notes_free(struct notes *l) {
  for (int i = 0; i < l->n; i++) {
    free(l->v[i].cell);
    free(l->v[i].at);
    free(l->v[i].who);
    free(l->v[i].text);
  }
  free(l->v);
}

static int take_row(void *ctx, const xxgk_board_row *w) {
  xxgk_board_row *out = ctx;
  *out = *w;
  out->agency = srv_strdup(w->agency);
  out->submitted = srv_strdup(w->submitted);
  return 1;
}

static void row_free(xxgk_board_row *w) {
  free((char *)w->agency);
  free((char *)w->submitted);
}

struct unit_view {
  struct rq *x;
  xxgk_board_row row;
  struct notes notes;
  xxgk_doc *last_year; /* the unit's report of the year before, or NULL */
  int last_year_version;
  int64_t last_year_round;
  xxgk_buf *b;
  int n; /* versions written                            */
};

/* Whether note t is on (version, finding, cell); cell NULL: on none. */
static int note_on(const struct note *t, int version, int finding,
                   const char *cell) {
  return t->version == version && t->finding == finding &&
         (t->cell && cell ? strcmp(t->cell, cell) == 0 : t->cell == cell);
}

/* The notes on (version, finding, cell) as a list. */
static void notes_html(xxgk_buf *b, const struct notes *l, int version,
                       int finding, const char *cell) {
  int n = 0;
  for (int i = 0; i < l->n; i++) {
    const struct note *t = &l->v[i];
    if (!note_on(t, version, finding, cell))
      continue;
    hp(b, "%R<li class=\"note-%R\"><b>%R</b> %s <small>%s · %T</small></li>",
       n++ ? "" : "<ul class=\"notes\">",
       t->side == XXGK_SIDE_OFFICE ? "office" : "unit",
       t->side == XXGK_SIDE_OFFICE ? "政务公开办" : "单位", t->text, t->who,
       t->at);
  }
  if (n)
    xxgk_buf_puts(b, "</ul>");
}

/* Opens a form posting to the unit's `step` (register, upload, notes…),
 * with its CSRF token — written into u->b, which for the versions is a
 * buffer of their own, put into the page later. */
static void form_open(struct unit_view *u, const char *step, const char *cls,
                      int multipart) {
  hp(u->b,
     "<form method=\"post\" action=\"/rounds/%D/units/%D/%R\" "
     "class=\"%R\"%R><input type=\"hidden\" name=\"csrf\" value=\"%s\">",
     u->x->id, u->x->unit, step, cls,
     multipart ? " enctype=\"multipart/form-data\"" : "", u->x->q->sess->csrf);
}

static void note_form(struct unit_view *u, int version, int finding,
                      const char *placeholder) {
  struct rq *x = u->x;
  form_open(u, "notes", "note", 0);
  hp(u->b,
     "<input type=\"hidden\" name=\"version\" value=\"%d\">"
     "<input type=\"hidden\" name=\"finding\" value=\"%d\">",
     version, finding);
  hp(u->b,
     "<input name=\"text\" required maxlength=\"2000\" "
     "aria-label=\"%s\" placeholder=\"%s\"><button type=\"submit\">%R"
     "</button></form>",
     placeholder, placeholder, x->office ? "写意见" : "答复");
}

/* The notes on a cell of the version shown, in the table beside it. */
struct cell_notes {
  const struct notes *notes;
  int version;
};

static void cell_notes_write(void *ctx, xxgk_buf *b, int row, int col) {
  const struct cell_notes *c = ctx;
  char key[160];
  xxgk_dict_key(row, col, key, sizeof key);
  notes_html(b, c->notes, c->version, 0, key);
}

/* The cell's printed name, "（一）予以公开 · 自然人", or the key itself. */
static void cell_name(xxgk_buf *b, const char *key) {
  int row, col;
  if (xxgk_dict_find_key(key, XXGK_FORMAT_ANY, &row, &col) == 0)
    hp(b, "%s · %s", xxgk_dict_row(row)->label,
       xxgk_dict_row(row)->cols[col].label);
  else
    hp(b, "%s", key);
}

/* The version's notes on cells, as a list naming each cell (for a
 * version whose tables are not shown). */
static void cell_notes_list(xxgk_buf *b, const struct notes *l, int version) {
  int n = 0;
  for (int i = 0; i < l->n; i++) {
    const struct note *t = &l->v[i];
    if (t->version != version || !t->cell)
      continue;
    hp(b, "%R<li class=\"note-%R\"><b>", n++ ? "" : "<h3>对单元格的意见</h3>"
                                                   "<ul class=\"notes\">",
       t->side == XXGK_SIDE_OFFICE ? "office" : "unit");
    cell_name(b, t->cell);
    hp(b, "</b> %s <small>%s · %s</small></li>", t->text, t->who, t->at);
  }
  if (n)
    xxgk_buf_puts(b, "</ul>");
}

/* The office's comment on a cell of the latest version: the cells of the
 * report's format, as the dictionary names them. */
static void cell_note_form(struct unit_view *u, const xxgk_doc *d, int version) {
  xxgk_format fmt = xxgk_doc_format(d);
  form_open(u, "notes", "note", 0);
  hp(u->b,
     "<input type=\"hidden\" name=\"version\" value=\"%d\">"
     "<select name=\"cell\" required aria-label=\"单元格\">"
     "<option value=\"\">选择单元格</option>",
     version);
  for (int i = 0; i < xxgk_dict_n_rows(); i++) {
    const xxgk_row_def *r = xxgk_dict_row(i);
    if (!(r->formats & fmt))
      continue;
    for (int c = 0; c < r->n_cols; c++) {
      char key[160];
      xxgk_dict_key(i, c, key, sizeof key);
      hp(u->b, "<option value=\"%s\">%s · %s</option>", key, r->label,
         r->cols[c].label);
    }
  }
  hp(u->b, "</select><input name=\"text\" required maxlength=\"2000\" "
           "aria-label=\"对这个单元格的意见\" placeholder=\"对这个单元格的意见\">"
           "<button type=\"submit\">写意见</button></form>");
}

static const char *jstr(json_object *o, const char *key) {
  json_object *v;
  return json_object_object_get_ex(o, key, &v) &&
                 json_object_is_type(v, json_type_string)
             ? json_object_get_string(v)
             : NULL;
}

/* The version's findings as kept (the library's findings JSON), each with
 * its notes and, while the report may still change, a form to answer. */
static void findings_list(struct unit_view *u, const xxgk_round_version *v,
                          int latest) {
  xxgk_buf *b = u->b;
  json_object *root = json_tokener_parse(v->findings ? v->findings : "");
  json_object *list = NULL;
  if (!root || !json_object_object_get_ex(root, "findings", &list) ||
      !json_object_is_type(list, json_type_array)) {
    hp(b, "<p class=\"flash error\">这一版的检查意见无法读出。</p>");
    json_object_put(root);
    return;
  }
  size_t n = json_object_array_length(list);
  int open = latest && u->row.state != XXGK_UNIT_APPROVED &&
             u->row.state != XXGK_UNIT_PUBLISHED;
  if (!n)
    hp(b, "<p class=\"flash ok\">没有发现问题：各表勾稽关系一致。</p>");
  else
    hp(b, "<ol class=\"round-findings\">");
  for (size_t i = 0; i < n; i++) {
    json_object *f = json_object_array_get_idx(list, i);
    const char *sev = jstr(f, "severity"), *where = jstr(f, "where");
    hp(b, "<li id=\"v%d-f%d\" class=\"sev-%s\"><b>%s</b> %s", v->version,
       (int)i + 1, sev, jstr(f, "rule"), jstr(f, "message"));
    if (where)
      hp(b, " <small>（%s）</small>", where);
    json_object *cells;
    if (json_object_object_get_ex(f, "cells", &cells) &&
        json_object_array_length(cells)) {
      size_t nc = json_object_array_length(cells);
      xxgk_buf_puts(b, "<br><small>涉及：");
      for (size_t k = 0; k < nc && k < 6; k++) {
        json_object *c = json_object_array_get_idx(cells, k), *val;
        hp(b, "%R%s", k ? "、" : "", jstr(c, "label"));
        if (json_object_object_get_ex(c, "value", &val) &&
            !json_object_is_type(val, json_type_null))
          hp(b, " <span class=\"fig\">%s</span>", json_object_get_string(val));
      }
      if (nc > 6)
        hp(b, " 等 %d 格", (int)nc);
      xxgk_buf_puts(b, "</small>");
    }
    notes_html(b, &u->notes, v->version, (int)i + 1, NULL);
    if (open)
      note_form(u, v->version, (int)i + 1,
                u->x->office ? "对这条意见的说明"
                             : "答复这条意见，如：按签发原件填写");
    xxgk_buf_puts(b, "</li>");
  }
  if (n)
    hp(b, "</ol>");
  json_object_put(root);
}

static void version_json(struct unit_view *u, const xxgk_round_version *v) {
  jp(u->b,
     "%R{\"version\": %d, \"at\": %s, \"who\": %s, \"source\": %s,"
     " \"sha256\": %s, \"errors\": %d, \"warnings\": %d,"
     " \"notices\": %d, \"score\": ",
     u->n ? ",\n " : "\n ", v->version, v->at, v->who, v->source, v->sha256,
     v->errors, v->warnings, v->notices);
  jp_num(u->b, v->score >= 0, v->score);
  /* the library's own JSON (findings, quality, the document), as kept */
  jp(u->b,
     ", \"has_original\": %R, \"changes\": %s, \"findings\": %R,"
     " \"quality\": %R, \"report\": %R}",
     v->has_original ? "true" : "false", v->changes,
     v->findings ? v->findings : "null", v->quality ? v->quality : "null",
     v->doc ? v->doc : "null");
}

static int version_html(void *ctx, const xxgk_round_version *v) {
  struct unit_view *u = ctx;
  struct rq *x = u->x;
  if (x->q->api) {
    version_json(u, v);
    u->n++;
    return 0;
  }
  xxgk_buf *b = u->b;
  int latest = u->n == 0;
  hp(b,
     "<details class=\"version\" id=\"v%d\"%R><summary>第 %d 版 · %s · %T"
     " · 错误 %d，警告 %d，提示 %d</summary>",
     v->version, latest ? " open" : "", v->version, v->source, v->at, v->errors,
     v->warnings, v->notices);
  hp(b,
     "<dl class=\"facts\"><dt>提交人</dt><dd>%s</dd><dt>SHA-256</dt>"
     "<dd class=\"hash\">%s</dd><dt>质量得分</dt><dd>",
     v->who, v->sha256);
  if (v->score >= 0)
    hp(b, "%d", v->score);
  else
    hp(b, "无法评定");
  hp(b, "</dd>");
  if (v->has_original)
    hp(b,
       "<dt>原件</dt><dd><a href=\"/rounds/%D/units/%D/versions/%d/file\">"
       "下载 %s</a></dd>",
       x->id, x->unit, v->version, v->source);
  hp(b, "</dl>");
  if (v->changes)
    hp(b, "<h3>与上一版相比</h3><pre class=\"changes\">%s</pre>", v->changes);
  hp(b, "<h3>检查意见</h3>");
  findings_list(u, v, latest);
  if (!latest) {
    cell_notes_list(b, &u->notes, v->version);
  } else {
    /* this year's tables beside last year's (Y1–Y3 compare them), the
     * notes on a cell in it */
    struct cell_notes cn = {&u->notes, v->version};
    struct srv_cell_extra extra = {cell_notes_write, &cn};
    xxgk_doc *d = NULL;
    if (v->doc)
      xxgk_doc_from_json(v->doc, strlen(v->doc), &d);
    if (!u->last_year)
      hp(b, "<p class=\"empty\">上年没有经本办报送的报告，无法逐项比较"
            "（Y1–Y3）。</p>");
    hp(b, "<div class=\"compare%R\"><section><h3>本年（第 %d 版）</h3>",
       u->last_year ? " two" : "", v->version);
    if (d)
      tables_html_with(b, d, NULL, &extra);
    if (d && x->office && u->row.state != XXGK_UNIT_APPROVED &&
        u->row.state != XXGK_UNIT_PUBLISHED)
      cell_note_form(u, d, v->version);
    hp(b, "</section>");
    if (u->last_year) {
      hp(b,
         "<section><h3>上年：<a href=\"/rounds/%D/units/%D#v%d\">%d 年度"
         "报送的第 %d 版</a></h3>",
         u->last_year_round, x->unit, u->last_year_version, x->year - 1,
         u->last_year_version);
      tables_html(b, u->last_year, NULL);
      hp(b, "</section>");
    }
    hp(b, "</div>");
    xxgk_doc_free(d);
  }
  hp(b, "</details>");
  u->n++;
  return 0;
}

/* Last year's round of the same office, and the unit's latest version in
 * it (the one the library compared with). */
struct prev {
  const struct rq *x;
  int64_t round;
};

static int find_prev(void *ctx, const xxgk_round_info *i) {
  struct prev *p = ctx;
  if (i->office_id == p->x->office_id && i->year == p->x->year - 1)
    p->round = i->id;
  return 0;
}

struct latest {
  xxgk_doc *doc;
  int version;
};

static int take_latest(void *ctx, const xxgk_round_version *v) {
  struct latest *l = ctx;
  if (v->doc)
    xxgk_doc_from_json(v->doc, strlen(v->doc), &l->doc);
  l->version = v->version;
  return 1; /* newest first: the first is the one */
}

static void load_last_year(struct unit_view *u) {
  struct prev p = {u->x, 0};
  xxgk_round_list(u->x->rd, u->x->unit, find_prev, &p);
  if (!p.round)
    return;
  struct latest l = {0};
  xxgk_round_versions(u->x->rd, p.round, u->x->unit, take_latest, &l);
  u->last_year = l.doc;
  u->last_year_version = l.version;
  u->last_year_round = p.round;
}

/* The unit's forms: build from the register (a unit that keeps none
 * only uploads), upload, submit. */
static void unit_forms(struct unit_view *u) {
  xxgk_buf *b = u->b;
  hp(b, "<h2>报送本单位的年度报告</h2><div class=\"cards forms\">");
  if (!u->row.no_register) {
    form_open(u, "register", "card", 0);
    hp(b,
       "<b>从登记簿生成</b><span class=\"count\">用本单位登记簿中 %d 年的"
       "申请、主动公开、复议诉讼数据生成年度报告，检查后报送。</span>"
       "<span><button type=\"submit\">生成并报送</button> "
       "<button type=\"submit\" name=\"draft\" value=\"1\" class=\"plain\">"
       "只生成草稿</button></span></form>",
       u->x->year);
  }
  form_open(u, "upload", "card", 1);
  hp(b,
     "<b>上传报告文件</b><label>文本、HTML、Word、WPS、PDF（至多 %d MiB）"
     "<input type=\"file\" name=\"file\" required accept=\".txt,.html,"
     ".htm,.docx,.doc,.wps,.pdf,.json,.md,.png,.jpg,.jpeg,.tif,.tiff\">"
     "</label><span><button type=\"submit\" name=\"draft\" value=\"1\">"
     "上传并检查</button> <button type=\"submit\" class=\"plain\">上传并"
     "报送</button></span></form>",
     SRV_MAX_UPLOAD >> 20);
  if (u->row.version && (u->row.state == XXGK_UNIT_PENDING ||
                         u->row.state == XXGK_UNIT_RETURNED)) {
    form_open(u, "submit", "card", 0);
    hp(b,
       "<b>报送第 %d 版</b><span class=\"count\">先逐条答复下面的检查"
       "意见，再报送。</span><span><button type=\"submit\">报送</button>"
       "</span></form>",
       u->row.version);
  }
  hp(b, "</div>");
}

/* The office's forms: return with notes, approve, comment. */
static void office_forms(struct unit_view *u) {
  xxgk_buf *b = u->b;
  xxgk_unit_state st = u->row.state;
  if (st != XXGK_UNIT_SUBMITTED && st != XXGK_UNIT_ERRORS)
    return;
  hp(b, "<h2>审核</h2><div class=\"cards forms\">");
  form_open(u, "return", "card", 0);
  hp(b, "<b>退回</b><label>退回理由（单位会看到）<textarea name=\"why\" "
        "rows=\"3\" required maxlength=\"2000\"></textarea></label><span>"
        "<button type=\"submit\">退回</button></span></form>");
  form_open(u, "approve", "card", 0);
  hp(b,
     "<b>通过</b><span class=\"count\">%R</span><span><button "
     "type=\"submit\">通过</button></span></form></div>",
     u->row.errors ? "这一版仍有错误：通过后会记下这一判断。"
                   : "通过后可在报送情况页发布到语料库。");
}

void h_round_unit(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  struct rq x;
  if (!srv_round_unit_load(s, q, r, &x))
    return;
  struct unit_view u = {.x = &x, .b = &r->body};
  xxgk_board_filter f = {.agency_id = x.unit, .state = -1};
  xxgk_buf versions = {0};
  int found = 0;
  if (xxgk_round_board(x.rd, x.id, &f, take_row, &u.row) != XXGK_OK ||
      !(found = u.row.agency != NULL) ||
      xxgk_round_notes(x.rd, x.id, x.unit, take_note, &u.notes) != XXGK_OK) {
    if (found)
      srv_round_fail(&x);
    else
      srv_error(r, q, 404, "单位 %lld 不在这一轮报送中", (long long)x.unit);
    goto done;
  }
  xxgk_buf *b = &r->body;
  if (!q->api)
    load_last_year(&u);
  u.b = &versions;
  if (xxgk_round_versions(x.rd, x.id, x.unit, version_html, &u) != XXGK_OK) {
    srv_round_fail(&x);
    goto done;
  }
  u.b = b;
  if (q->api) {
    srv_json_answer(r);
    jp(b, "{\"round\": %D, \"year\": %d, \"due\": %s, \"row\": ", x.id, x.year,
       x.due);
    srv_round_row_json(b, &u.row);
    jp(b, ", \"versions\": [%R], \"notes\": [",
       versions.data ? versions.data : "");
    for (int i = 0; i < u.notes.n; i++) {
      const struct note *t = &u.notes.v[i];
      jp(b,
         "%R{\"version\": %d, \"finding\": %d, \"cell\": %s, \"side\": %s,"
         " \"at\": %s, \"who\": %s, \"text\": %s}",
         i ? ",\n " : "\n ", t->version, t->finding, t->cell,
         t->side == XXGK_SIDE_OFFICE ? "office" : "unit", t->at, t->who,
         t->text);
    }
    jp(b, "]}\n");
    goto done;
  }
  char title[320], late[48];
  snprintf(title, sizeof title, "%d 年度报告 · %s", x.year, u.row.agency);
  srv_round_late_text(late, sizeof late, &u.row);
  page_begin(r, q, title);
  hp(b, "<dl class=\"facts\"><dt>状态</dt><dd>");
  srv_round_state_badge(b, u.row.state);
  hp(b,
     "</dd><dt>截止日期</dt><dd>%s</dd><dt>报送时间</dt><dd>%T%s（%s）</dd>"
     "<dt>最新版本</dt><dd>",
     x.due, u.row.submitted, u.row.submitted ? "" : "未报送", late);
  if (u.row.version)
    hp(b, "第 %d 版：错误 %d，警告 %d，提示 %d", u.row.version, u.row.errors,
       u.row.warnings, u.row.notices);
  else
    hp(b, "—");
  hp(b, "</dd></dl>");
  /* the notes on the whole report: the office's return, comments */
  int whole = 0;
  for (int i = 0; i < u.notes.n; i++)
    whole += note_on(&u.notes.v[i], u.notes.v[i].version, 0, NULL);
  if (whole) {
    hp(b, "<h2>意见</h2>");
    for (int i = 0, last = 0; i < u.notes.n; i++)
      if (note_on(&u.notes.v[i], u.notes.v[i].version, 0, NULL) &&
          u.notes.v[i].version != last) {
        last = u.notes.v[i].version;
        hp(b, "<p class=\"count\">第 %d 版：</p>", last);
        notes_html(b, &u.notes, last, 0, NULL);
      }
  }
  int open =
      u.row.state != XXGK_UNIT_APPROVED && u.row.state != XXGK_UNIT_PUBLISHED;
  if (x.office)
    office_forms(&u);
  else if (open)
    unit_forms(&u);
  if (u.row.version && open) {
    hp(b, "<h2>对整份报告的%s</h2>", x.office ? "意见" : "说明");
    note_form(&u, u.row.version, 0,
              x.office ? "对整份报告的意见" : "对整份报告的说明");
  }
  hp(b, "<h2>各版本</h2>");
  if (u.n)
    xxgk_buf_puts(b, versions.data);
  else
    hp(b, "<p class=\"empty\">还没有报送任何版本。</p>");
  if (x.office)
    hp(b, "<p><a href=\"/rounds/%D\">返回报送情况</a></p>", x.id);
  page_end(r);
done:
  xxgk_buf_free(&versions);
  notes_free(&u.notes);
  xxgk_doc_free(u.last_year);
  row_free(&u.row);
}

/* ## The unit's writes */

/* Puts doc (taken) as the unit's next version and, unless the form asked
 * for a draft, submits it; answers. */
static void put_and_submit(struct rq *x, xxgk_doc *doc, const char *bytes,
                           size_t n, const char *source) {
  xxgk_round_version v;
  char to[64], msg[256];
  srv_round_unit_url(to, sizeof to, x);
  if (xxgk_round_put(x->rd, x->id, x->unit, doc, bytes, n, source, &v) !=
      XXGK_OK) {
    srv_round_fail(x);
    return;
  }
  int version = v.version, errors = v.errors;
  const char *draft = srv_form(x->q, "draft");
  if (draft && *draft) {
    snprintf(msg, sizeof msg,
             "第 %d 版已保存为草稿：错误 %d 个。请逐条答复检查"
             "意见后报送",
             version, errors);
    srv_round_done(x, to, msg);
    return;
  }
  if (xxgk_round_submit(x->rd, x->id, x->unit) != XXGK_OK) {
    srv_round_fail(x);
    return;
  }
  snprintf(msg, sizeof msg, "第 %d 版已报送（%s）", version,
           errors ? "有错误" : "已报送");
  srv_round_done(x, to, msg);
}

void h_round_register(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  struct rq x;
  if (!srv_round_unit_load(s, q, r, &x) || !srv_round_as_unit(&x))
    return;
  xxgk_doc *doc = NULL;
  if (xxgk_reg_report(xxgk_round_reg(x.rd), x.unit, x.year, &doc) != XXGK_OK) {
    xxgk_doc_free(doc);
    srv_round_fail(&x);
    return;
  }
  put_and_submit(&x, doc, NULL, 0, NULL);
}

/* The upload is read on the upload pool (srv_jobs.c: the route is one of
 * srv_is_upload's), off the request threads, within SRV_MAX_UPLOAD bytes
 * and the readers' own bounds (input, tags, cells, the converters' time
 * limit) — as the corpus's upload is, and not in a forked child as the
 * public checker's: what was read goes into the register, with every
 * finding the reader made (a cell left empty because the reader was
 * unsure names its place), which a child could hand back only as the
 * canonical JSON, without them. The uploader is a logged-in unit. */
void h_round_upload(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  struct rq x;
  if (!srv_round_unit_load(s, q, r, &x) || !srv_round_as_unit(&x))
    return;
  const struct srv_param *f = srv_form_param(q, "file");
  if (!f || !f->len)
    FAIL(r, q, 400, "请选择要上传的报告文件");
  xxgk_doc *doc = NULL;
  xxgk_status st = xxgk_read(f->value, f->len, &doc);
  if (st != XXGK_OK && st != XXGK_E_INCOMPLETE) {
    xxgk_doc_free(doc);
    FAIL(r, q, 422, "读不出年度报告（%s）：请确认上传的是年度报告本身",
         xxgk_strerror(st));
  }
  /* the file's own name, without a folder */
  const char *name = f->filename && *f->filename ? f->filename : "上传的文件";
  const char *slash = strrchr(name, '/');
  name = slash ? slash + 1 : name;
  put_and_submit(&x, doc, f->value, f->len, name);
}

/* A note on a finding (or, finding 0, the whole report): the unit's
 * answer, or the office's comment. */
void h_round_note(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  struct rq x;
  if (!srv_round_unit_load(s, q, r, &x))
    return;
  const char *fi = srv_form(q, "finding");
  const char *cell = srv_form(q, "cell");
  cell = cell && *cell ? cell : NULL;
  int64_t version = srv_id(srv_form(q, "version"));
  /* a note on a cell is on no finding */
  int64_t finding = (cell && !fi) || (fi && strcmp(fi, "0") == 0) ? 0
                    : srv_id(fi)               ? srv_id(fi)
                                               : -1;
  if (!version || version > 1000000 || finding < 0 || finding > 100000)
    FAIL(r, q, 400,
         "请给出版本（version）和第几条意见（finding，0 为整份报告）");
  /* the unit answers as the unit; the office comments as the office */
  xxgk_side side =
      x.unit == q->sess->user.agency_id ? XXGK_SIDE_UNIT : XXGK_SIDE_OFFICE;
  int64_t id;
  if (xxgk_round_note_add(x.rd, x.id, x.unit, (int)version, (int)finding, cell,
                          side, srv_form(q, "text"), &id) != XXGK_OK) {
    srv_round_fail(&x);
    return;
  }
  char to[96];
  snprintf(to, sizeof to, "/rounds/%lld/units/%lld#v%lld", (long long)x.id,
           (long long)x.unit, (long long)version);
  srv_round_done(&x, to, side == XXGK_SIDE_UNIT ? "已记下答复" : "已记下意见");
}
