/*
 * gen.h — writes a document as a report in each plain-text rendition users
 * meet, driven by the data dictionary. The tests parse every rendition back
 * and compare; the benchmark uses it to make corpora.
 */
#ifndef XXGK_GEN_H
#define XXGK_GEN_H

#include "xxgk.h"

typedef enum {
  GEN_CELLS,      /* one cell per line, tab-indented, header cells split  */
  GEN_TSV,        /* one row per line, tab-separated                      */
  GEN_PIPE,       /* "a | b | c |", half-width punctuation                */
  GEN_PIPE_EDGES, /* "| a | b | c |"                                      */
  GEN_MARKDOWN,   /* Markdown headings and tables with a |---| rule       */
  GEN_CELL_PIPE,  /* each cell on its own line followed by " |"           */
  GEN_LAYOUT,     /* like pdftotext -layout: space-aligned columns, long
                     labels wrapped around their numbers, a vertical group
                     label, a page break with a page number in table 3   */
  GEN_FULLWIDTH,  /* full-width digits and brackets, ideographic and
                     NO-BREAK spaces, thousands separators, "—" for 0     */
  GEN_GBK,        /* tab-separated, encoded in GB18030                    */
  GEN_BOM_CRLF,   /* one cell per line with a UTF-8 BOM and CRLF          */
  GEN_RENUMBERED, /* headings numbered 第一部分…, row enumerators dropped   */
  GEN_N_RENDITIONS
} gen_rendition;

const char *gen_name(gen_rendition r);

/* The report text of d in rendition r; the caller frees it with free().
 * Narrative parts come from d's sections, or are written to agree with its
 * figures (part 六 states the 信息处理费 figures d has). */
char *gen_report(const xxgk_doc *d, gen_rendition r, size_t *n);

#endif
