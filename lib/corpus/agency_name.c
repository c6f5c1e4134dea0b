/*
 * agency_name.c — what an agency's name says about it: province, city,
 * county with the division's code, kind, and a key two spellings of one
 * organ share.
 *
 * A name is read left to right against the divisions (division.c): a
 * province, then a prefecture, then a county, each looked up by the longest
 * division name the rest of the name begins with, within the division read
 * before; the parents the name leaves out come from the table. Where the
 * table knows no name, a region is read by its suffix (…市, …自治州 for a
 * city, …区, …县, …旗 for a county), as an organ the table does not know
 * (示例市, a district created since) still has a region. Then a township
 * (…乡, …镇, …街道); the rest is the organ. "人民政府" and "政府" are one
 * organ. The key is the most specific region named plus the organ, so
 * 天津市南开区人民政府 and 南开区政府 meet; the province keeps two 朝阳区
 * apart (corpus.c).
 */
#include "corpus.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Suffixes that end a region segment, longest first. */
static const char *const CITY_END[] = {"自治州", "地区", "市", "盟"};
static const char *const COUNTY_END[] = {"自治县", "自治旗", "区", "县",
                                         "旗", "市"};
static const char *const TOWN_END[] = {"街道", "乡", "镇"};

#define MAX_SEGMENT 8 /* characters of a region name, suffix included */

static int starts(const char *s, const char *p) {
  return strncmp(s, p, strlen(p)) == 0;
}

/* If s begins with a region of at most MAX_SEGMENT characters (at least two
 * before the suffix) ending in one of ends[], returns the segment's length
 * in bytes; else 0. The shortest such segment wins: 南开区政府 is 南开区 +
 * 政府; a name may end with its region (重庆市南岸区). */
static size_t segment(const char *s, const char *const *ends, size_t n_ends) {
  size_t chars = 0;
  for (size_t i = 0; s[i] && chars < MAX_SEGMENT; chars++) {
    size_t k = 1;
    while (((unsigned char)s[i + k] & 0xC0) == 0x80)
      k++;
    i += k;
    if (chars + 1 < 2)
      continue;
    for (size_t e = 0; e < n_ends; e++) {
      size_t el = strlen(ends[e]);
      if (i >= el && memcmp(s + i - el, ends[e], el) == 0 && i - el >= 6)
        return i;
    }
  }
  return 0;
}

static void copy(char *dst, size_t cap, const char *s, size_t n) {
  if (n >= cap)
    n = cap - 1;
  memcpy(dst, s, n);
  dst[n] = 0;
}

/* 北京市, 天津市, 上海市, 重庆市. */
static const char *const MUNICIPALITIES[] = {"110000", "120000", "310000",
                                             "500000"};

/* The field of out that names a division of this level. */
static char *field(xxgk_agency_name *out, xxgk_div_level level) {
  return level == XXGK_DIV_PROVINCE     ? out->province
         : level == XXGK_DIV_PREFECTURE ? out->city
                                        : out->county;
}

/* Reads the regions at the start of s against the divisions; returns what
 * follows them. */
static const char *regions(const char *s, xxgk_agency_name *out) {
  const xxgk_division *at = NULL, *cand[8];
  size_t n, k;
  while ((k = division_prefix(s, at, cand, 8, &n)) > 0) {
    xxgk_div_level level = cand[0]->level; /* one level: the widest */
    copy(field(out, level), 48, s, n);
    s += n;
    if (k > 1) {
      out->ambiguous = (int)k;
      break;
    }
    at = cand[0];
    if (level == XXGK_DIV_COUNTY)
      break;
  }
  if (at) {
    snprintf(out->code, sizeof out->code, "%s", at->code);
    for (const xxgk_division *p = xxgk_division_parent(at); p;
         p = xxgk_division_parent(p))
      if (!*field(out, p->level))
        snprintf(field(out, p->level), 48, "%s", p->name);
  }
  if (out->ambiguous || (at && at->level == XXGK_DIV_COUNTY))
    return s;
  /* Names the table does not know, by their suffix. The municipalities
   * have no cities: 天津市南开区 is a county of the province. */
  int municipality = 0;
  for (size_t i = 0; at && i < sizeof MUNICIPALITIES / sizeof *MUNICIPALITIES;
       i++)
    municipality |= strcmp(at->code, MUNICIPALITIES[i]) == 0;
  if (!out->city[0] && !municipality && (n = segment(s, CITY_END, 4))) {
    copy(out->city, sizeof out->city, s, n);
    s += n;
  }
  if ((n = segment(s, COUNTY_END, 6))) {
    copy(out->county, sizeof out->county, s, n);
    s += n;
  }
  return s;
}

int xxgk_agency_parse(const char *name, xxgk_agency_name *out) {
  memset(out, 0, sizeof *out);
  if (!name)
    return -1;
  /* Full-width forms and spaces do not make another organ. */
  buf norm = {0};
  text_normalize(name, strlen(name), &norm, NULL);
  char key[160];
  text_key(norm.data ? norm.data : "", norm.len, key, sizeof key);
  buf_free(&norm);
  if (!*key)
    return -1;
  const char *s = regions(key, out);
  size_t n;
  const char *region = out->county[0]   ? out->county
                       : out->city[0]   ? out->city
                                        : out->province;
  char town[48] = "";
  if ((n = segment(s, TOWN_END, 3))) {
    copy(town, sizeof town, s, n);
    s += n;
  }
  /* The organ: 人民政府 is 政府; a name that is only a region (重庆市南岸区)
   * is its government's. */
  const char *organ = *s ? s : "政府", *rest = "";
  if (starts(s, "人民政府")) {
    organ = "政府";
    rest = s + strlen("人民政府");
  }
  int gov = !*rest && (strcmp(organ, "政府") == 0 || strcmp(organ, "办事处") == 0);
  out->kind = !gov     ? XXGK_AGENCY_DEPARTMENT
              : town[0] ? XXGK_AGENCY_TOWNSHIP
                        : XXGK_AGENCY_GOVERNMENT;
  buf k = {0};
  buf_puts(&k, region);
  buf_puts(&k, town);
  buf_puts(&k, organ);
  buf_puts(&k, rest);
  size_t kn = k.len < sizeof out->key ? k.len : sizeof out->key - 1;
  while (kn > 0 && ((unsigned char)k.data[kn] & 0xC0) == 0x80 &&
         kn < k.len)
    kn--; /* cut at a character boundary */
  copy(out->key, sizeof out->key, k.data, kn);
  buf_free(&k);
  return 0;
}

const char *xxgk_agency_kind_name(xxgk_agency_kind k) {
  return k == XXGK_AGENCY_GOVERNMENT   ? "government"
         : k == XXGK_AGENCY_DEPARTMENT ? "department"
                                       : "township";
}

const char *xxgk_agency_kind_label(xxgk_agency_kind k) {
  return k == XXGK_AGENCY_GOVERNMENT   ? "政府"
         : k == XXGK_AGENCY_DEPARTMENT ? "部门"
                                       : "乡镇街道";
}
