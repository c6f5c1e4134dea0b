/*
 * reg_basis.c — which articles of the 条例 a reply of each outcome may
 * cite (rules.md §1.2), and whether the legal basis a clerk wrote cites
 * one of them. A basis is free text ("条例第三十六条第二项", "第36条第（三）
 * 项", "依据第十四条"); every "第N条" in it is read with the item ("第M项",
 * "（M）") that follows, in Chinese or Arabic numerals. The basis fits
 * when one citation names an article of the outcome, and its item, when
 * given, is one the outcome allows; art. 36 without an item (the article
 * on replies as a whole) fits every outcome.
 */
#include "reg.h"

#include <stdio.h>
#include <string.h>

/* Article and item (0: any item) of each outcome. */
struct cite {
  int art, item;
};

/* The law of each outcome row of table 3 (rules.md §1.2): the articles a
 * reply's basis may cite (checked), the citation the 答复书 prints, and
 * the sentence that states the decision; one row an outcome, kept in
 * data/basis.tsv (scripts/basis.cmake makes its rows). The rows' labels
 * are the dictionary's. An outcome the law gives no article (a request to
 * confirm information already obtained; 其他) prints none and accepts any
 * basis. */
static const struct {
  const char *outcome;
  struct cite c[4];
  const char *article;
  const char *wording;
} FIT[] = {
#include "basis_rows.inc"
};
#define N_FIT (int)(sizeof FIT / sizeof FIT[0])

/* A number in Chinese numerals (一 … 九十九) or Arabic digits at s; sets
 * *len to the bytes read; 0 if none. */
static int number(const char *s, size_t *len) {
  static const char *const D[] = {"零", "一", "二", "三", "四",
                                  "五", "六", "七", "八", "九"};
  int v = 0, digit = -1, any = 0;
  size_t i = 0;
  if (s[0] >= '0' && s[0] <= '9') {
    while (s[i] >= '0' && s[i] <= '9' && v < 1000)
      v = v * 10 + (s[i++] - '0');
    *len = i;
    return v;
  }
  for (;;) {
    int k = -1;
    for (int d = 0; d < 10 && k < 0; d++)
      if (strncmp(s + i, D[d], 3) == 0)
        k = d;
    if (k >= 0) {
      digit = k;
      any = 1;
      i += 3;
    } else if (strncmp(s + i, "十", 3) == 0) {
      v += (digit < 0 ? 1 : digit) * 10;
      digit = -1;
      any = 1;
      i += 3;
    } else {
      break;
    }
  }
  if (digit > 0)
    v += digit;
  *len = i;
  return any ? v : 0;
}

/* The citations of a basis, at most `cap`. */
static int citations(const char *s, struct cite *out, int cap) {
  int n = 0;
  for (const char *p = strstr(s, "第"); p && n < cap; p = strstr(p, "第")) {
    size_t len;
    int art = number(p + 3, &len);
    const char *q = p + 3 + len;
    p += 3;
    if (!art || strncmp(q, "条", 3) != 0)
      continue;
    q += 3;
    int item = 0;
    if (strncmp(q, "第", 3) == 0 || strncmp(q, "（", 3) == 0 || *q == '(') {
      const char *r = q + (*q == '(' ? 1 : 3);
      if (strncmp(q, "第", 3) == 0 && strncmp(r, "（", 3) == 0)
        r += 3; /* 第（二）项 */
      else if (strncmp(q, "第", 3) == 0 && *r == '(')
        r++;
      int v = number(r, &len);
      const char *e = r + len;
      if (strncmp(e, "）", 3) == 0 || *e == ')')
        e += *e == ')' ? 1 : 3;
      if (v && (strncmp(e, "项", 3) == 0 || strncmp(q, "第", 3) != 0))
        item = v;
    }
    out[n++] = (struct cite){art, item};
    p = q;
  }
  return n;
}

xxgk_status reg_basis_check(xxgk_reg *r, const char *outcome,
                            const char *basis) {
  int f = -1;
  for (int i = 0; i < N_FIT && f < 0; i++)
    if (strcmp(FIT[i].outcome, outcome) == 0)
      f = i;
  if (f < 0 || !FIT[f].c[0].art || !basis || !*basis)
    return XXGK_OK; /* other_other: no article to require */
  struct cite c[16];
  int n = citations(basis, c, 16);
  if (!n)
    return XXGK_OK; /* no article named: the basis is the clerk's words */
  for (int i = 0; i < n; i++) {
    if (c[i].art == 36 && !c[i].item)
      return XXGK_OK; /* art. 36 as a whole is the article on replies */
    for (int k = 0; k < 4 && FIT[f].c[k].art; k++)
      if (c[i].art == FIT[f].c[k].art &&
          (!c[i].item || !FIT[f].c[k].item || c[i].item == FIT[f].c[k].item))
        return XXGK_OK;
  }
  return reg_fail(r, XXGK_E_REFUSED,
                  "法律依据“%s”与答复结果不符：%s 应引用%s", basis, outcome,
                  reg_basis_articles(outcome));
}

const char *reg_basis_articles(const char *outcome) {
  static _Thread_local char s[160];
  static const char *const ITEM[] = {"", "一", "二", "三", "四",
                                     "五", "六", "七"};
  static const char *const ART[] = {
      [14] = "十四",   [15] = "十五",   [16] = "十六",   [30] = "三十",
      [32] = "三十二", [35] = "三十五", [36] = "三十六", [37] = "三十七",
      [38] = "三十八", [39] = "三十九", [40] = "四十",   [42] = "四十二"};
  s[0] = 0;
  for (int i = 0; i < N_FIT; i++) {
    if (strcmp(FIT[i].outcome, outcome) != 0)
      continue;
    size_t n = 0;
    for (int k = 0; k < 4 && FIT[i].c[k].art && n < sizeof s; k++) {
      const struct cite *c = &FIT[i].c[k];
      n += (size_t)snprintf(s + n, sizeof s - n, "%s条例第%s条%s%s%s",
                            k ? "或" : "", ART[c->art],
                            c->item ? "第" : "", c->item ? ITEM[c->item] : "",
                            c->item ? "项" : "");
    }
  }
  return s;
}

int xxgk_outcome_law(const char *outcome, const char **article,
                     const char **wording) {
  for (int i = 0; outcome && i < N_FIT; i++)
    if (strcmp(FIT[i].outcome, outcome) == 0) {
      if (article)
        *article = FIT[i].article;
      if (wording)
        *wording = FIT[i].wording;
      return 0;
    }
  return -1;
}
