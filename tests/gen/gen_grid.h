/*
 * gen_grid.h — writes a report as published on the web or in Word: the
 * official table layout (merged header cells, the vertical group label
 * 三、本年度办理结果 and the （三）不予公开… sub-groups as rowspans, the
 * 第二十条 items as colspans), as an HTML page, as the word/document.xml of
 * a DOCX the way WPS writes one, or as the text a crawler takes from that
 * page (textContent: each cell's text with nothing between cells). Every
 * row, column and label comes from the data dictionary.
 */
#ifndef XXGK_GEN_GRID_H
#define XXGK_GEN_GRID_H

#include "xxgk.h"

#include <stdio.h>

typedef enum {
  GRID_HTML,       /* an HTML page                                       */
  GRID_HTML_SPLIT, /* the same, table 3 in two <table>s                  */
  GRID_WORDXML,    /* word/document.xml: vMerge row labels, gridSpan,
                      labels split across runs, table 3 nested in a
                      one-cell layout table                              */
  GRID_TEXT_ROWS,  /* textContent of a page whose source has a line per
                      block and per table row: a row's cells run together */
  GRID_TEXT_TABLE  /* textContent of a minified page: a table's rows and
                      cells all run together on one line                 */
} grid_kind;

#define GRID_EMPTY_ZEROS 1u /* zeros printed empty (but a row keeps one) */

/* Writes the report with d's cells, title and agency, and the narrative
 * parts of `text` (a parsed sample), to f. */
void grid_write(FILE *f, const xxgk_doc *d, const xxgk_doc *text,
                grid_kind k, unsigned grid_flags);

#endif
