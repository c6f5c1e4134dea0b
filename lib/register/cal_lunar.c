/*
 * cal_lunar.c — the dates of the statutory festivals that move with the
 * sun and the moon, for a year whose holiday notice is not yet published:
 * 春节 (正月初一), 清明 (the solar term at the sun's apparent longitude
 * 15°), 端午 (五月初五) and 中秋 (八月十五), in Beijing time (UTC+8), as
 * the Chinese calendar (GB/T 33661-2017) defines them.
 *
 * Astronomy from J. Meeus, Astronomical Algorithms (2nd ed.): the true new
 * moons of chapter 49 (periodic and planetary terms, a few seconds off)
 * and the sun's apparent longitude of chapter 25 (about 0.01°, a quarter
 * of an hour at a solar term); ΔT from Espenak and Meeus' polynomials.
 * The calendar's rules: a month starts on the (Beijing) day of a new moon;
 * the month holding the winter solstice (冬至) is the 11th; when 13 months
 * run from one 11th month to the next, the first of them without a
 * principal term (中气, a multiple of 30°) is the leap month and repeats
 * the number before it.
 *
 * tests/unit/test_due.c checks every year 2008–2100 against the lunar
 * table of a maintained package (tests/data/lunar-dates.tsv).
 */
#include "cal.h"

#include <math.h>

#define PI 3.14159265358979323846
#define RAD(x) ((x) * PI / 180.0)
#define J2000 2451545.0
#define JD_EPOCH 2440587.5 /* 1970-01-01 00:00 UT */

/* TT − UT in days for a (fractional) year. */
static double delta_t(double y) {
  double t, s;
  if (y < 2005) {
    t = y - 2000;
    s = 63.86 + 0.3345 * t - 0.060374 * t * t + 0.0017275 * t * t * t +
        0.000651814 * t * t * t * t + 0.00002373599 * t * t * t * t * t;
  } else if (y < 2050) {
    t = y - 2000;
    s = 62.92 + 0.32217 * t + 0.005589 * t * t;
  } else if (y < 2150) {
    s = -20 + 32 * ((y - 1820) / 100) * ((y - 1820) / 100) - 0.5628 * (2150 - y);
  } else {
    t = (y - 1820) / 100;
    s = -20 + 32 * t * t;
  }
  return s / 86400.0;
}

/* The Beijing civil day (a day number) of an instant given in TT. */
static xxgk_date beijing_day(double jde) {
  double jd = jde - delta_t(2000 + (jde - J2000) / 365.25) + 8.0 / 24.0;
  return (xxgk_date)floor(jd - JD_EPOCH);
}

/* The JDE of the new moon number k (0: 2000-01-06). */
static double new_moon(double k) {
  double t = k / 1236.85, t2 = t * t, t3 = t2 * t, t4 = t3 * t;
  double jde = 2451550.09766 + 29.530588861 * k + 0.00015437 * t2 -
               0.000000150 * t3 + 0.00000000073 * t4;
  double e = 1 - 0.002516 * t - 0.0000074 * t2;
  double m = RAD(2.5534 + 29.10535670 * k - 0.0000014 * t2 - 0.00000011 * t3);
  double mp = RAD(201.5643 + 385.81693528 * k + 0.0107582 * t2 +
                  0.00001238 * t3 - 0.000000058 * t4);
  double f = RAD(160.7108 + 390.67050284 * k - 0.0016118 * t2 -
                 0.00000227 * t3 + 0.000000011 * t4);
  double om = RAD(124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3);
  jde += -0.40720 * sin(mp) + 0.17241 * e * sin(m) + 0.01608 * sin(2 * mp) +
         0.01039 * sin(2 * f) + 0.00739 * e * sin(mp - m) -
         0.00514 * e * sin(mp + m) + 0.00208 * e * e * sin(2 * m) -
         0.00111 * sin(mp - 2 * f) - 0.00057 * sin(mp + 2 * f) +
         0.00056 * e * sin(2 * mp + m) - 0.00042 * sin(3 * mp) +
         0.00042 * e * sin(m + 2 * f) + 0.00038 * e * sin(m - 2 * f) -
         0.00024 * e * sin(2 * mp - m) - 0.00017 * sin(om) -
         0.00007 * sin(mp + 2 * m) + 0.00004 * sin(2 * mp - 2 * f) +
         0.00004 * sin(3 * m) + 0.00003 * sin(mp + m - 2 * f) +
         0.00003 * sin(2 * mp + 2 * f) - 0.00003 * sin(mp + m + 2 * f) +
         0.00003 * sin(mp - m + 2 * f) - 0.00002 * sin(mp - m - 2 * f) -
         0.00002 * sin(3 * mp + m) + 0.00002 * sin(4 * mp);
  /* the planetary arguments */
  static const double A[14][3] = {
      {299.77, 0.107408, 0.000325}, {251.88, 0.016321, 0.000165},
      {251.83, 26.651886, 0.000164}, {349.42, 36.412478, 0.000126},
      {84.66, 18.206239, 0.000110},  {141.74, 53.303771, 0.000062},
      {207.14, 2.453732, 0.000060},  {154.84, 7.306860, 0.000056},
      {34.52, 27.261239, 0.000047},  {207.19, 0.121824, 0.000042},
      {291.34, 1.844379, 0.000040},  {161.72, 24.198154, 0.000037},
      {239.56, 25.513099, 0.000035}, {331.55, 3.592518, 0.000023}};
  for (int i = 0; i < 14; i++) {
    double a = A[i][0] + A[i][1] * k - (i == 0 ? 0.009173 * t2 : 0);
    jde += A[i][2] * sin(RAD(a));
  }
  return jde;
}

/* The sun's apparent longitude in degrees [0, 360) at a JDE. */
static double sun_longitude(double jde) {
  double t = (jde - J2000) / 36525.0;
  double l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t * t;
  double m = RAD(357.52911 + 35999.05029 * t - 0.0001537 * t * t);
  double c = (1.914602 - 0.004817 * t - 0.000014 * t * t) * sin(m) +
             (0.019993 - 0.000101 * t) * sin(2 * m) + 0.000289 * sin(3 * m);
  double om = RAD(125.04 - 1934.136 * t);
  double l = l0 + c - 0.00569 - 0.00478 * sin(om);
  l = fmod(l, 360.0);
  return l < 0 ? l + 360 : l;
}

/* The JDE at which the sun's apparent longitude is `deg`, near `guess`. */
static double solar_term(double deg, double guess) {
  double jde = guess;
  for (int i = 0; i < 50; i++) {
    double d = deg - sun_longitude(jde);
    d -= 360.0 * floor((d + 180.0) / 360.0); /* into [-180, 180) */
    jde += d * 365.2422 / 360.0;
    if (fabs(d) < 1e-7)
      break;
  }
  return jde;
}

/* The JDE of the sun's passage at `deg` in Gregorian year y (the sun is
 * at 0° about 20 March; 冬至, 270°, in December). */
static double term_in_year(int y, double deg) {
  return solar_term(deg, 2451623.80984 + 365.242374 * (y - 2000) +
                             deg * 365.2422 / 360.0);
}

/* The number of the last new moon on or before (Beijing) day d: the one
 * that starts d's month. */
static double month_of(xxgk_date d) {
  double k = floor((d + JD_EPOCH - 2451550.09766) / 29.530588861) + 1;
  while (beijing_day(new_moon(k)) > d)
    k--;
  return k;
}

/* Whether a principal term (中气) falls on a day of [from, to). The terms
 * of the span are found from the longitude at its start. */
static int has_principal_term(xxgk_date from, xxgk_date to) {
  double start = from + JD_EPOCH - 8.0 / 24.0; /* Beijing midnight, UT */
  start += delta_t(2000 + (start - J2000) / 365.25);
  double l = sun_longitude(start);
  double next = 30.0 * ceil(l / 30.0);
  double jde = solar_term(fmod(next, 360.0),
                          start + (next - l) * 365.2422 / 360.0);
  return beijing_day(jde) < to;
}

void cal_festivals(int year, struct cal_festivals *out) {
  /* the 11th months: those holding the winter solstices */
  double k0 = month_of(beijing_day(term_in_year(year - 1, 270)));
  double k1 = month_of(beijing_day(term_in_year(year, 270)));
  int leap_year = (int)llround(k1 - k0) == 13;
  /* months after the 11th of year − 1: 12, 1, 2, … with one leap month
   * (no principal term) repeating a number when the span has 13 */
  int number = 11, leap_done = !leap_year;
  xxgk_date start[16];
  int num[16], n = 0;
  for (double k = k0 + 1; k < k1 && n < 16; k++) {
    xxgk_date s = beijing_day(new_moon(k)), e = beijing_day(new_moon(k + 1));
    if (!leap_done && !has_principal_term(s, e)) {
      leap_done = 1;
      continue; /* the leap month keeps the number before it */
    }
    number = number % 12 + 1;
    start[n] = s;
    num[n++] = number;
  }
  for (int i = 0; i < n; i++) {
    if (num[i] == 1)
      out->spring = start[i];
    else if (num[i] == 5)
      out->duanwu = start[i] + 4;
    else if (num[i] == 8)
      out->zhongqiu = start[i] + 14;
  }
  out->qingming = beijing_day(term_in_year(year, 15));
}
