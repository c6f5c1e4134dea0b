/*
 * test_headers.cpp — every public header compiled as C++ and used from it
 * (as cmark's api_test does): the headers must stay within what C and C++
 * share, with extern "C" linkage, so that a C++ program can link libxxgk.
 */
#include "xxgk.h"
#include "xxgk_corpus.h"
#include "xxgk_out.h"
#include "xxgk_quality.h"
#include "xxgk_round.h"
#include "xxgk_register.h"

#include "harness.h"

int main() {
  xxgk_buf b = XXGK_BUF_INIT;
  xxgk_esc_json(&b, "<a\"\n>", XXGK_OPT_JSON_HTML_SAFE);
  xxgk_buf_putc(&b, ' ');
  xxgk_esc_html(&b, "'&");
  size_t n = 0;
  char *s = xxgk_buf_detach(&b, &n);
  CHECK_STR(s, "\"\\u003ca\\\"\\n\\u003e\" &#39;&amp;");
  CHECK_INT(n, strlen(s));
  xxgk_free(s);

  xxgk_grid *g = xxgk_grid_new(XXGK_T_APPLICATIONS, XXGK_FORMAT_2021);
  CHECK(g && xxgk_grid_n_cols(g) == 10 && xxgk_grid_n_head_rows(g) == 3,
        "table 3's grid from C++");
  xxgk_grid_free(g);

  xxgk_reg *r = nullptr;
  CHECK_INT(xxgk_reg_open(":memory:", XXGK_OPT_CREATE, &r), XXGK_OK);
  CHECK(r && *xxgk_reg_errmsg(r) == 0, "a register from C++");
  xxgk_reg_close(r);

  xxgk_agency_name a;
  CHECK_INT(xxgk_agency_parse("天津市南开区人民政府", &a), 0);
  CHECK_STR(a.county, "南开区");
  CHECK_STR(a.code, "120104");
  const xxgk_division *d = xxgk_division_get("120104");
  CHECK(d && xxgk_division_parent(d) != nullptr, "a division from C++");

  xxgk_doc *doc = xxgk_doc_new(XXGK_FORMAT_2021);
  xxgk_quality q;
  xxgk_quality_ctx ctx = {"2024-01-31", XXGK_ORGAN_DEPARTMENT};
  CHECK_INT(xxgk_quality_score(doc, &ctx, &q), XXGK_OK);
  CHECK_STR(q.points[0].key, "on_time");
  xxgk_doc_free(doc);
  return h_failed ? 1 : 0;
}
