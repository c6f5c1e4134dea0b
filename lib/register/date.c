/*
 * date.c — calendar dates as day numbers (days since 1970-01-01), parsed
 * from and printed as "YYYY-MM-DD". The conversion is Howard Hinnant's
 * days_from_civil / civil_from_days: exact for the proleptic Gregorian
 * calendar, no time zones, no floating point.
 */
#include "cal.h"
#include "internal.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static void to_civil(xxgk_date z0, int *y, int *m, int *d) {
  int z = z0 + 719468;
  int era = (z >= 0 ? z : z - 146096) / 146097;
  int doe = z - era * 146097;
  int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp + (mp < 10 ? 3 : -9);
  *y = yoe + era * 400 + (*m <= 2);
}

static int digits(const char *s, int n) {
  int v = 0;
  for (int i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9')
      return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

int xxgk_date_parse(const char *s, xxgk_date *out) {
  if (!s)
    return -1;
  for (int i = 0; i < 10; i++)
    if (!s[i])
      return -1;
  if (s[10] || s[4] != '-' || s[7] != '-')
    return -1;
  int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > 31)
    return -1;
  /* 2023-02-30: by the month's length, not by converting back (every
   * row of a list parses its dates) */
  static const unsigned char DAYS[] = {31, 28, 31, 30, 31, 30,
                                       31, 31, 30, 31, 30, 31};
  int leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
  if (d > DAYS[m - 1] + (m == 2 && leap))
    return -1;
  *out = date_from_ymd(y, m, d);
  return 0;
}

void xxgk_date_format(xxgk_date z, char *out) {
  int y, m, d;
  to_civil(z, &y, &m, &d);
  unsigned yy = (unsigned)y % 10000u, mm = (unsigned)m % 100u,
           dd = (unsigned)d % 100u;
  /* by hand, not snprintf: the lists format a date per row and field */
  out[0] = (char)('0' + yy / 1000);
  out[1] = (char)('0' + yy / 100 % 10);
  out[2] = (char)('0' + yy / 10 % 10);
  out[3] = (char)('0' + yy % 10);
  out[4] = '-';
  out[5] = (char)('0' + mm / 10);
  out[6] = (char)('0' + mm % 10);
  out[7] = '-';
  out[8] = (char)('0' + dd / 10);
  out[9] = (char)('0' + dd % 10);
  out[10] = 0;
}

int xxgk_date_year(xxgk_date z) {
  int y, m, d;
  to_civil(z, &y, &m, &d);
  return y;
}

int xxgk_date_weekday(xxgk_date z) {
  /* 1970-01-01 was a Thursday (4). */
  int w = (int)((z % 7 + 7 + 3) % 7);
  return w + 1;
}

xxgk_date xxgk_date_today(void) {
  time_t t = time(NULL);
  struct tm tm;
  localtime_r(&t, &tm);
  return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}
