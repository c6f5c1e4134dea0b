/*
 * gen_recon.h — a sample report the way real conversions break it, for
 * the reconstruction tests: each input reads back, when read right, to the
 * sample's own cells (a cell printed empty is a 0).
 *
 *   class 1  tables whose zeros are printed empty, at a row's edges too
 *   class 4  conversions that move labels away from their numbers
 *   class 5  page text taken by a crawler: a table's cells run together
 */
#ifndef XXGK_GEN_RECON_H
#define XXGK_GEN_RECON_H

#include "xxgk.h"

typedef enum {
  RECON_EDGE_HTML,  /* 1: HTML, zeros printed empty (gen_grid.c)          */
  RECON_EDGE_DOCX,  /* 1: the same as a DOCX, as WPS writes one           */
  RECON_MOVED,      /* 4: a row's label moved before its table (tables 2
                       and 3), its numbers left after its neighbour's     */
  RECON_NUMS_FIRST, /* 4: one row of table 3 prints its numbers before
                       its label                                          */
  RECON_ALL_FIRST,  /* 4: every row of table 3 does                       */
  RECON_FUSED,      /* 4: a group label fused into its first row's line of
                       numbers, the row label on the line before          */
  RECON_TEXT_ROWS,  /* 5: textContent, a line per table row               */
  RECON_TEXT_TABLE, /* 5: textContent, a table on one line                */
  RECON_N
} recon_kind;

const char *recon_name(recon_kind k);
/* The class of the list (1, 4 or 5) that k belongs to. */
int recon_class(recon_kind k);

/* The input of kind k for the document want, whose narrative parts come
 * from `text` (the parsed sample); NULL if it cannot be made. The caller
 * frees it with free(). */
char *recon_report(const xxgk_doc *want, const xxgk_doc *text, recon_kind k,
                   size_t *n);

#endif
