/*
 * reg_narrative.c — the narrative parts of an agency's annual report
 * (一、总体情况, 五、存在的主要问题及改进情况, 六、其他需要报告的事项),
 * written in the web application beside the tables the register
 * counts. One text per agency, year and part; every change is audited.
 */
#include "reg.h"

#include <stdlib.h>
#include <string.h>

xxgk_status xxgk_reg_narrative_set(xxgk_reg *r, int64_t agency_id, int year,
                                   xxgk_section s, const char *text) {
  if ((unsigned)s >= XXGK_N_SECTIONS)
    return reg_fail(r, XXGK_E_REFUSED, "没有这一部分（%d）", (int)s);
  if (year < 1900 || year > 2999)
    return reg_fail(r, XXGK_E_REFUSED, "年度 %d 不对", year);
  if (text && strlen(text) > XXGK_MAX_SECTION)
    return reg_fail(r, XXGK_E_REFUSED, "正文太长（至多 %d 字节）",
                    XXGK_MAX_SECTION);
  if (REG_TEXTS(r, "正文", text) != XXGK_OK)
    return XXGK_E_REFUSED;
  const char *key = xxgk_section_key(s);
  xxgk_status st = reg_begin(r, 1);
  if (st == XXGK_OK)
    st = reg_agency_exists(r, agency_id);
  if (st == XXGK_OK)
    st = reg_yearly_put(r, "narrative", "section", "text", agency_id, year,
                        key, text);
  return reg_end(r, st);
}

static int take(void *ctx, const store_row *row) {
  *(char **)ctx = xxgk_strdup(row->v[0].s);
  return 1;
}

xxgk_status xxgk_reg_narrative_get(xxgk_reg *r, int64_t agency_id, int year,
                                   xxgk_section s, char **text) {
  *text = NULL;
  if ((unsigned)s >= XXGK_N_SECTIONS)
    return reg_fail(r, XXGK_E_REFUSED, "没有这一部分（%d）", (int)s);
  return reg_read(r, take, text,
                  "SELECT text FROM narrative WHERE agency_id = ? AND"
                  " year = ? AND section = ?",
                  "idt", agency_id, year, xxgk_section_key(s));
}
