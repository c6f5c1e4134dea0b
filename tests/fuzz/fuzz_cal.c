/*
 * fuzz_cal.c — fuzz target for the working-day calendar's TSV loader
 * (xxgk_cal_load), the one text the register reads besides its import:
 * then working-day arithmetic over the years it claims to cover.
 */
#include "fuzz_doc.h"
#include "xxgk_register.h"

#include <stdio.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  xxgk_cal *c;
  if (xxgk_cal_open(NULL, 0, &c) != XXGK_OK)
    fuzz_fail("the bundled calendar: %s", xxgk_cal_errmsg(c));
  xxgk_status st = xxgk_cal_load(c, (const char *)data, size);
  if (st != XXGK_OK && !*xxgk_cal_errmsg(c))
    fuzz_fail("xxgk_cal_load: no error message");
  for (int y = 1990; y <= 2100; y++) {
    if (!xxgk_cal_covers(c, y))
      continue;
    xxgk_date d, out;
    char iso[32];
    snprintf(iso, sizeof iso, "%d-01-01", y);
    if (xxgk_date_parse(iso, &d) != 0)
      fuzz_fail("xxgk_date_parse(%s) failed", iso);
    int work;
    xxgk_cal_is_workday(c, d, &work);
    xxgk_cal_add_workdays(c, d, 20, &out);
  }
  xxgk_cal_close(c);
  return 0;
}
