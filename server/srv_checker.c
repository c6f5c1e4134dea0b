/*
 * srv_checker.c — the report checker, open to anyone: upload a report
 * (text in any encoding the parser reads, canonical JSON, HTML, DOCX, PDF,
 * .doc — whatever xxgk_read() reads) or paste its text, and see the tables
 * as parsed with each inconsistent cell highlighted and its finding beside
 * it. Nothing is stored. The reading runs in a child process under
 * limits (srv_sandbox.c), and off the request threads (srv_jobs.c).
 */
#include "srv.h"

#include <stdio.h>
#include <string.h>

void h_checker_form(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  char csrf[65];
  const char *token = q->sess ? q->sess->csrf : srv_anon_csrf(s, q, r, csrf);
  page_begin(r, q, "年度报告检查");
  hp(&r->body,
     "<p>上传或粘贴一份政府信息公开工作年度报告（文本、HTML、Word、PDF 或 "
     "JSON），检查统计表的勾稽关系。文件不会被保存。</p>"
     "<form method=\"post\" action=\"/check\" enctype=\"multipart/form-data\""
     " class=\"grid\"><input type=\"hidden\" name=\"csrf\" value=\"%s\">"
     "<label class=\"wide\">报告文件<input type=\"file\" name=\"file\" "
     "accept=\".txt,.html,.htm,.docx,.doc,.wps,.pdf,.json,.md,.png,.jpg,.jpeg,.tif,.tiff\"></label>"
     "<label class=\"wide\">或粘贴报告全文<textarea name=\"text\" rows=\"12\">"
     "</textarea></label><button type=\"submit\">检查</button></form>",
     token);
  page_end(r);
}

struct check {
  const struct srv_req *q;
  const struct srv_param *f;
};

/* In the child (srv_sandboxed): read, check, write the answer. */
static void check_fill(void *ctx, struct srv_resp *r) {
  const struct check *c = ctx;
  const struct srv_req *q = c->q;
  const struct srv_param *f = c->f;
  xxgk_doc *d = NULL;
  xxgk_input kind = xxgk_detect(f->value, f->len);
  xxgk_status st = xxgk_read(f->value, f->len, &d);
  if (f->filename && *f->filename)
    xxgk_doc_set_source(d, f->filename);
  int readable = st == XXGK_OK || st == XXGK_E_INCOMPLETE;
  if (readable)
    xxgk_check(d);
  xxgk_buf *b = &r->body;
  if (q->api) {
    r->no_store = 1;
    r->status = readable ? 200 : 422;
    jp(b, "{\"input\": %s, \"status\": %s, \"tables\": ", xxgk_input_name(kind),
       xxgk_strerror(st));
    tables_json(b, d);
    xxgk_buf_puts(b, "}\n");
    xxgk_doc_free(d);
    return;
  }
  page_begin(r, q, "检查结果");
  const char *fmt = xxgk_format_name(xxgk_doc_format(d));
  hp(b, "<dl class=\"facts\"><dt>文件</dt><dd>%s（%s）</dd><dt>报告</dt>"
        "<dd>%s</dd><dt>格式</dt><dd>%s</dd></dl>",
     f->filename && *f->filename ? f->filename : "粘贴的文本",
     xxgk_input_name(kind),
     xxgk_doc_title(d) ? xxgk_doc_title(d) : "（未识别标题）",
     fmt ? fmt : "未识别");
  if (!readable)
    hp(b, "<p class=\"flash error\">未能读出报告的统计表。</p>");
  findings_html(b, d);
  if (readable)
    tables_html(b, d, NULL);
  hp(b, "<p><a href=\"/checker\">再检查一份</a></p>");
  page_end(r);
  r->status = readable ? 200 : 422;
  xxgk_doc_free(d);
}

/* The upload is read in a child process under limits (srv_sandboxed), so
 * a file built to take minutes or gigabytes costs only that child. */
void h_check(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  const struct srv_param *f = srv_form_param(q, "file");
  if (!f || !f->len)
    f = srv_form_param(q, "text");
  if (!f || !f->len)
    FAIL(r, q, 400, "请上传报告文件或粘贴报告全文");
  struct check c = {q, f};
  char why[200];
  if (srv_sandboxed(s, r, check_fill, &c, why, sizeof why) != 0)
    FAIL(r, q, 422, "未能读完这份文件：%s。请确认上传的是年度报告本身", why);
  if (q->api)
    r->ctype = "application/json; charset=utf-8";
}
