/*
 * reg_fee.c — the 信息处理费 of 国办函〔2020〕109号 (rules.md §3): two
 * schedules, both 超额累进 (each band's rate applies to the units in it),
 * and an agency uses one per application, never both.
 *
 *   按量 (pages, per application): 1–30 free; 31–100 10元; 101–200 20元;
 *        from 201 40元 a page. 2,219 pages → 700 + 2,000 + 2,019×40 = 83,460元.
 *   按件 (the applicant's applications in one natural month, counted
 *        together): 1–10 free; 11–30 100元 each; from 31 each band of ten
 *        costs 100元 more (31–40 200元, 41–50 300元 …).
 */
#include "reg.h"

int64_t xxgk_fee_by_page(int64_t p) {
  if (p < 1 || p > INT64_MAX / 40)
    return -1;
  int64_t f = 0;
  if (p > 30)
    f += ((p < 100 ? p : 100) - 30) * 10;
  if (p > 100)
    f += ((p < 200 ? p : 200) - 100) * 20;
  if (p > 200)
    f += (p - 200) * 40;
  return f;
}

static int64_t piece_rate(int64_t k) {
  return k <= 10 ? 0 : k <= 30 ? 100 : 100 * ((k - 31) / 10 + 2);
}

int64_t xxgk_fee_by_piece(int64_t first, int64_t quantity) {
  if (first < 1 || quantity < 1 || quantity > 1000000 ||
      first > 1000000000)
    return -1;
  int64_t f = 0;
  for (int64_t k = first; k < first + quantity; k++)
    f += piece_rate(k);
  return f;
}
