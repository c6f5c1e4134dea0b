/*
 * cal.h — the working-day index of the calendar (cal.c), for deadlines
 * that count working days between dates without walking them.
 */
#ifndef XXGK_CAL_H
#define XXGK_CAL_H

#include "xxgk_register.h"

/* The day number of y-m-d (date.c; no checks: 2024-02-30 is 03-01). */
xxgk_date date_from_ymd(int y, int m, int d);

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
