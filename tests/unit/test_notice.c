/*
 * test_notice.c — the law of every outcome row: each row of table 3's
 * outcomes in the data dictionary (both formats) has its wording in the
 * one table (xxgk_outcome_law), and the citation its 答复书 prints is one
 * the register accepts as the basis of a reply with that outcome (the
 * table's two uses cannot disagree); a reply document for each names it.
 */
#include "h_db.h"
#include "harness.h"
#include "xxgk_register.h"

#include <stdlib.h>
#include <string.h>

int main(void) {
  h_db_start();
  xxgk_reg *r;
  CHECK_INT(xxgk_reg_open(h_db(), XXGK_OPT_CREATE, &r), XXGK_OK);
  xxgk_reg_set_today(r, 20200); /* 2025-04-21 */
  xxgk_agency a = {.name = "某局"};
  CHECK_INT(xxgk_reg_agency_add(r, &a), XXGK_OK);
  const xxgk_row_def *rows[64];
  int n = xxgk_dict_rows_by_role(XXGK_T_APPLICATIONS, XXGK_ROLE_OUTCOME, rows,
                                 64);
  CHECK(n >= 22, "%d outcome rows", n);
  for (int i = 0; i < n; i++) {
    const char *article = NULL, *wording = NULL, *key = rows[i]->key;
    CHECK(xxgk_outcome_law(key, &article, &wording) == 0, "no law for %s",
          key);
    CHECK(wording && *wording, "no wording for %s", key);
    if (!(rows[i]->formats & XXGK_FORMAT_2021) ||
        strcmp(key, "other_unpaid_fee") == 0 ||
        strcmp(key, "other_no_correction") == 0)
      continue; /* not a reply's outcome in the register */
    xxgk_case c = {.agency_id = a.id, .channel = "网络",
                   .received = "2025-03-03", .category = "natural_person",
                   .name = "甲", .content = "乙"};
    CHECK_INT(xxgk_reg_case_new(r, &c), XXGK_OK);
    xxgk_event e = {.case_id = c.id, .kind = XXGK_EV_REPLY,
                    .date = "2025-03-20", .outcome = key, .basis = article};
    CHECK(xxgk_reg_event_add(r, &e) == XXGK_OK, "%s citing %s: %s", key,
          article, xxgk_reg_errmsg(r));
    char *html;
    size_t len;
    CHECK_INT(xxgk_reg_notice(r, c.id, XXGK_NOTICE_REPLY, NULL, 0, &html, &len),
              XXGK_OK);
    CHECK(html && strstr(html, wording) && (!*article || strstr(html, article)),
          "the reply for %s names %s", key, article);
    xxgk_free(html);
  }
  CHECK(xxgk_outcome_law("nothing", NULL, NULL) == -1, "unknown outcome");
  xxgk_reg_close(r);
  return h_summary();
}
