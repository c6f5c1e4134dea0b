/*
 * num.c — exact decimal numbers: value = mant / 10^scale.
 *
 * Money in the report keeps every printed digit (9872.3034 万元), and sums of
 * hundreds of reports must be exact, so no binary floating point is used.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

static const int64_t POW10[19] = {1,
                                  10,
                                  100,
                                  1000,
                                  10000,
                                  100000,
                                  1000000,
                                  10000000,
                                  100000000,
                                  1000000000,
                                  10000000000,
                                  100000000000,
                                  1000000000000,
                                  10000000000000,
                                  100000000000000,
                                  1000000000000000,
                                  10000000000000000,
                                  100000000000000000,
                                  1000000000000000000};

int num_scale_up(xxgk_num a, int k, xxgk_num *out) {
  if (k < 0 || a.scale + k > 18)
    return -1;
  int64_t m;
  if (__builtin_mul_overflow(a.mant, POW10[k], &m))
    return -1;
  out->mant = m;
  out->scale = (uint8_t)(a.scale + k);
  return 0;
}

int num_pow10(xxgk_num a, int k, xxgk_num *out) {
  if (k < 0) { /* divide: a wider scale keeps every digit */
    if (a.scale - k > 18)
      return -1;
    out->mant = a.mant;
    out->scale = (uint8_t)(a.scale - k);
    return 0;
  }
  if (a.scale >= k) {
    out->mant = a.mant;
    out->scale = (uint8_t)(a.scale - k);
    return 0;
  }
  xxgk_num whole = {a.mant, 0};
  if (num_scale_up(whole, k - a.scale, out) != 0)
    return -1;
  out->scale = 0;
  return 0;
}

int xxgk_num_add(xxgk_num a, xxgk_num b, xxgk_num *out) {
  xxgk_num x, y;
  int s = a.scale > b.scale ? a.scale : b.scale;
  if (num_scale_up(a, s - a.scale, &x) || num_scale_up(b, s - b.scale, &y))
    return -1;
  if (__builtin_add_overflow(x.mant, y.mant, &out->mant))
    return -1;
  out->scale = (uint8_t)s;
  return 0;
}

int xxgk_num_cmp(xxgk_num a, xxgk_num b) {
  xxgk_num x, y;
  int s = a.scale > b.scale ? a.scale : b.scale;
  if (num_scale_up(a, s - a.scale, &x) || num_scale_up(b, s - b.scale, &y)) {
    /* Cannot align without overflow: compare the integer parts, which then
     * differ in magnitude. */
    int64_t ia = a.mant / POW10[a.scale], ib = b.mant / POW10[b.scale];
    return ia < ib ? -1 : ia > ib;
  }
  return x.mant < y.mant ? -1 : x.mant > y.mant;
}

size_t xxgk_num_format(xxgk_num n, char *out) {
  char digits[24];
  uint64_t m = n.mant < 0 ? (uint64_t)0 - (uint64_t)n.mant : (uint64_t)n.mant;
  int len = snprintf(digits, sizeof digits, "%llu", (unsigned long long)m);
  char *p = out;
  if (n.mant < 0)
    *p++ = '-';
  if (n.scale == 0) {
    memcpy(p, digits, (size_t)len + 1);
    return (size_t)(p - out) + (size_t)len;
  }
  int whole = len - n.scale;
  if (whole <= 0) {
    *p++ = '0';
    *p++ = '.';
    for (int i = 0; i < -whole; i++)
      *p++ = '0';
    memcpy(p, digits, (size_t)len);
    p += len;
  } else {
    memcpy(p, digits, (size_t)whole);
    p += whole;
    *p++ = '.';
    memcpy(p, digits + whole, (size_t)n.scale);
    p += n.scale;
  }
  *p = 0;
  return (size_t)(p - out);
}

/* Accepts an optional sign, digits with optional ',' thousands separators
 * (groups of exactly three), and an optional fraction. */
int xxgk_num_parse(const char *s, size_t n, xxgk_num *out) {
  size_t i = 0;
  int neg = 0;
  if (i < n && (s[i] == '-' || s[i] == '+'))
    neg = s[i++] == '-';
  size_t start = i, group = 0;
  int seen_comma = 0;
  int64_t m = 0;
  int digits = 0, scale = 0;
  for (; i < n; i++) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      if (digits >= 18)
        return -1;
      m = m * 10 + (c - '0');
      digits += m != 0;
      group++;
    } else if (c == ',' && i > start && (!seen_comma || group == 3)) {
      seen_comma = 1;
      group = 0;
    } else {
      break;
    }
  }
  if (i == start || s[i - 1] == ',' || (seen_comma && group != 3))
    return -1;
  if (i < n && s[i] == '.') {
    size_t f = ++i;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
      if (digits >= 18 || scale >= 18)
        return -1;
      m = m * 10 + (s[i] - '0');
      digits += m != 0;
      scale++;
    }
    if (i == f)
      return -1;
  }
  if (i != n)
    return -1;
  out->mant = neg ? -m : m;
  out->scale = (uint8_t)scale;
  return 0;
}
