/*
 * cal.h — the working-day index of the calendar (cal.c), for deadlines
 * that count working days between dates without walking them.
 */
#ifndef XXGK_CAL_H
#define XXGK_CAL_H

#include "xxgk_register.h"

/* The day number of y-m-d (no checks: 2024-02-30 is 03-01; date.c has
 * the other way). Inline, so that the constant days every deadline asks
 * for (the calendar's range, the 2019 change of the limit) are folded
 * when compiled. */
static inline xxgk_date date_from_ymd(int y, int m, int d) {
  y -= m <= 2;
  int era = (y >= 0 ? y : y - 399) / 400;
  int yoe = y - era * 400;
  int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return (xxgk_date)(era * 146097 + doe - 719468);
}

/* The first day on or after d outside the calendar's range (d itself when
 * its year is outside). Every day before it from d on is known to be a
 * working day or not, published or provisional. */
xxgk_date cal_gap(const xxgk_cal *c, xxgk_date d);
/* The first year of [year(a), year(b)] that is provisional (no notice
 * published), or 0. */
int cal_first_provisional(const xxgk_cal *c, xxgk_date a, xxgk_date b);
/* The working days in (a, b]; 0 when b <= a. Days of (a, b] must lie
 * before cal_gap(c, a + 1). */
int cal_workdays(const xxgk_cal *c, xxgk_date a, xxgk_date b);
/* The n-th working day after d (n >= 1), which the caller has checked
 * lies before cal_gap(c, d + 1) (cal_workdays reaches n there). */
xxgk_date cal_nth_workday(const xxgk_cal *c, xxgk_date d, int n);

/* The statutory festivals of a year that follow the sun and the moon, as
 * Beijing days (cal_lunar.c): 春节 (正月初一; 除夕 is the day before),
 * 清明, 端午, 中秋. */
struct cal_festivals {
  xxgk_date spring, qingming, duanwu, zhongqiu;
};
void cal_festivals(int year, struct cal_festivals *out);

#endif
