/*
 * srv_docs.c — an application's documents (受理回执 … 答复书) from the
 * office's templates (xxgk_reg_notice): /cases/ID/doc/KEY?format=docx|html
 * as a download, and the buttons on the application's page. Only the
 * agency's staff (and its oversight office) may see them: they carry the
 * applicant's name.
 */
#include "srv.h"

#include <stdio.h>
#include <string.h>

static int take_agency(void *ctx, const xxgk_case_row *row) {
  *(int64_t *)ctx = row->c.agency_id;
  return 0;
}

void case_docs_html(xxgk_buf *b, int64_t case_id) {
  hp(b, "<h2>文书</h2><p class=\"docs\">");
  for (int k = 0; k < XXGK_N_NOTICES; k++)
    hp(b,
       "<a class=\"button\" href=\"/cases/%D/doc/%s?format=docx\">%s</a> "
       "<a href=\"/cases/%D/doc/%s?format=html\">（网页）</a> ",
       case_id, xxgk_notice_key((xxgk_notice)k),
       xxgk_notice_label((xxgk_notice)k), case_id,
       xxgk_notice_key((xxgk_notice)k));
  hp(b, "</p>");
}

void h_case_doc(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  int64_t id = srv_id(q->args[0]), agency = 0;
  if (!id)
    FAIL(r, q, 404, "没有申请“%s”", q->args[0]);
  int k = xxgk_notice_find(q->args[1]);
  if (k < 0)
    FAIL(r, q, 404, "没有文书“%s”", q->args[1]);
  const char *f = srv_query(q, "format");
  if (f && strcmp(f, "docx") != 0 && strcmp(f, "html") != 0)
    FAIL(r, q, 400, "格式“%s”不对，应为 docx 或 html", f);
  int docx = !f || strcmp(f, "docx") == 0;
  if (xxgk_reg_case_get(s->reg, id, take_agency, NULL, &agency) != XXGK_OK ||
      !agency)
    FAIL(r, q, 404, "申请 %lld 不存在", (long long)id);
  if (!srv_may_see(s, q, agency))
    FAIL(r, q, 403, "无权查看申请 %lld", (long long)id);
  char *bytes;
  size_t n;
  if (xxgk_reg_notice(s->reg, id, (xxgk_notice)k, s->o.templates,
                      docx ? XXGK_NOTICE_DOCX : 0, &bytes, &n) != XXGK_OK) {
    srv_reg_fail(s, r, q);
    return;
  }
  char name[96];
  snprintf(name, sizeof name, "%s-%lld.%s", xxgk_notice_key((xxgk_notice)k),
           (long long)id, docx ? "docx" : "html");
  srv_download(r, bytes, n,
               docx ? "application/vnd.openxmlformats-officedocument."
                      "wordprocessingml.document"
                    : "text/html; charset=utf-8",
               name);
}
