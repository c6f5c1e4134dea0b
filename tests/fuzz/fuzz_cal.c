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
  xxgk_cal *c = xxgk_cal_new();
  char err[256];
  err[0] = 0;
  xxgk_status st = xxgk_cal_load(c, (const char *)data, size, err, sizeof err);
  if (st != XXGK_OK && memchr(err, 0, sizeof err) == NULL)
    fuzz_fail("xxgk_cal_load: error message not terminated");
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
  xxgk_cal_free(c);
  return 0;
}
