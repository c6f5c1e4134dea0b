/*
 * labels.h — matching printed labels against the data dictionary (labels.c).
 */
#ifndef XXGK_LABELS_H
#define XXGK_LABELS_H

#include "internal.h"

#define KEY_MAX 256

/* A row of table 2 or 3 as the parser sees it before the format is known:
 * 2019 and 2021 rows with the same key are one target. */
typedef struct {
  xxgk_table table;
  const char *key;
  int first_row;
  unsigned formats;
  int row[2]; /* the row in format 2019 ([0]) and 2021 ([1]), or -1 */
} label_target;

int labels_n_targets(void);
const label_target *labels_target(int i);
/* xxgk_dict_find_row(lt->table, lt->key, f), looked up once per format. */
int labels_target_row(const label_target *lt, xxgk_format f);
/* The target whose label has this key (full, or without its enumerator),
 * or with `prefix`, whose label begins with it; -1 if none or ambiguous. */
int labels_match_row(const char *full, size_t nf, const char *bare, size_t nb,
                     int prefix);
/* 0 if no row label's key, with or without its enumerator, can be n bytes
 * long: a cheap test before computing the bare key. */
int labels_may_match(size_t n);
/* The target of the dictionary's row (tables 2 and 3), or -1. */
int labels_row_target(int row);
/* The target whose label, exactly, is the longest tail of key[0..n) (a
 * label run together with the text before it, "…现行有效件数规章"), or
 * -1. */
int labels_match_tail(const char *key, size_t n);
/* Of the targets cands[0..n), the one whose label is nearest the key (edit
 * distance in characters, full and bare), if near enough: at most one
 * character in four differs. Returns it and sets *dist; -1 if none is near;
 * AMBIGUOUS if two are equally near, their targets in tie[0..1]. */
int labels_near_row(const char *full, const char *bare, const int *cands,
                    int n, int *dist, int tie[2]);
#define AMBIGUOUS (-3)
/* 1 if key is near (as above) table 4's first header cell, 行政复议. */
int labels_t4_start_near(const char *key);
/* 0 when no part heading can be the normalised line norm[0..n), whose
 * text_normalize flags are given, without computing its key; else 1. */
int labels_part_possible(const char *norm, size_t n, unsigned flags);
/* The part (0..5) whose heading has this bare key, or -1. */
int labels_match_part(const char *bare, size_t n);
/* 1 if every character of key occurs in table 4's header labels, but one
 * in four at most (a typo or an OCR confusion, 末/未). */
int labels_t4_vocab(const char *key);
/* The formats whose table 2 has a column header with this key (or, with
 * `near`, one near it), or 0. */
unsigned labels_header_formats(const char *key, size_t n, int near);
/* 1 if key is the label of a column of table 2, 3 or 4 ("总计", "商业企业",
 * "本年制发件数", "结果维持"): a table's header cell naming a data column. */
int labels_is_column(const char *key, size_t n);

#endif
