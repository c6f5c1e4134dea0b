/*
 * synth.h — plausible synthetic annual reports for the benchmark and its
 * test: a document whose tables satisfy every consistency rule (A1, A2, A3,
 * R1, V1, N1), with varied agencies, years, sizes and narrative, built only
 * through the public document API and the data dictionary. A chosen share
 * of them carries exactly one inconsistent cell.
 *
 * Report i of seed s is always the same document, whatever N is, so a
 * corpus can be grown and a failing report regenerated alone.
 */
#ifndef XXGK_SYNTH_H
#define XXGK_SYNTH_H

#include "xxgk.h"

#include <stdint.h>

/* The one changed cell of an inconsistent report. */
typedef struct {
  int row, col;      /* dictionary cell; row -1 when the report is sound */
  char key[128];     /* "applications.granted.commercial"               */
  int64_t was, now;  /* the consistent value and the printed one        */
  const char *rules; /* the findings it must raise: "A2 A3", "R1" …     */
} synth_mutation;

typedef struct {
  uint64_t seed;      /* the corpus' seed                                */
  xxgk_format format; /* XXGK_FORMAT_2019, _2021, or _ANY for a mix      */
  int bad_percent;    /* share of reports with one inconsistent cell     */
} synth_opts;

/* Report `index` of the corpus described by o. Returns a new document the
 * caller frees with xxgk_doc_free(); fills *m (m->row is -1 when the report
 * is consistent). Never fails: allocation failure aborts in the library. */
xxgk_doc *synth_doc(const synth_opts *o, uint64_t index, synth_mutation *m);

#endif
