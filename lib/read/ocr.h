/*
 * ocr.h — reading scanned pages with Tesseract and leptonica: what the
 * recogniser (ocr_page.c, run in a forked child) and the reader that feeds
 * its output to the parser (read_scan.c) share.
 *
 * The child writes one record per line, fields separated by TAB (no field
 * holds a TAB or a newline):
 *
 *   I  width height skew             the page as recognised (skew in °)
 *   L  x y w h conf text             a line of text outside the tables
 *   T  x y w h rows cols             a table (its ruled grid) begins
 *   C  r c rs cs x y w h kind conf text cands
 *                                    a cell at grid row r, column c (0-
 *                                    based) spanning rs rows and cs
 *                                    columns; its box in page pixels;
 *                                    kind t text, n number (two readings
 *                                    agree), d number the readings do not
 *                                    agree on, p number both readings
 *                                    agree on but that leaves ink of the
 *                                    cell unread (a digit missed), b a
 *                                    blank word ("—"), e empty; conf 0..1
 *                                    of the digits;
 *                                    cands: other readings, '/'-separated
 *   E                                the table ends
 *   X  message                       the page could not be read
 *
 * Records come in reading order (top to bottom), tables whole.
 */
#ifndef XXGK_OCR_H
#define XXGK_OCR_H

#include "dl.h"
#include "reader.h"

/* capi.h declares `TessBaseAPICreate()`, an old-style prototype. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstrict-prototypes"
#include <leptonica/allheaders.h>
#include <tesseract/capi.h>
#pragma GCC diagnostic pop

#define DL_LEPT_FUNCS(X)                                                       \
  X(pixReadMem)                                                                \
  X(pixReadHeaderMem)                                                          \
  X(pixDestroy)                                                                \
  X(pixGetWidth)                                                               \
  X(pixGetHeight)                                                              \
  X(pixGetData)                                                                \
  X(pixGetWpl)                                                                 \
  X(pixSetResolution)                                                          \
  X(pixConvertTo32)                                                            \
  X(pixConvertRGBToLuminance)                                                  \
  X(pixBackgroundNorm)                                                         \
  X(pixFindSkewAndDeskew)                                                      \
  X(pixThresholdToBinary)                                                      \
  X(pixOpenBrick)                                                              \
  X(pixCloseBrick)                                                             \
  X(pixDilateBrick)                                                            \
  X(pixOr)                                                                     \
  X(pixCopy)                                                                   \
  X(pixScale)                                                                  \
  X(pixClipRectangle)                                                          \
  X(pixAddBorder)                                                              \
  X(pixSetInRect)                                                              \
  X(pixConnComp)                                                               \
  X(boxaGetCount)                                                              \
  X(boxaGetBoxGeometry)                                                        \
  X(boxaDestroy)                                                               \
  X(boxCreate)                                                                 \
  X(boxDestroy)

#define DL_TESS_FUNCS(X)                                                       \
  X(TessBaseAPICreate)                                                         \
  X(TessBaseAPIDelete)                                                         \
  X(TessBaseAPIInit3)                                                          \
  X(TessBaseAPIEnd)                                                            \
  X(TessBaseAPISetVariable)                                                    \
  X(TessBaseAPISetPageSegMode)                                                 \
  X(TessBaseAPISetImage2)                                                      \
  X(TessBaseAPISetSourceResolution)                                            \
  X(TessBaseAPISetRectangle)                                                   \
  X(TessBaseAPIRecognize)                                                      \
  X(TessBaseAPIGetUTF8Text)                                                    \
  X(TessBaseAPIMeanTextConf)                                                   \
  X(TessBaseAPIGetIterator)                                                    \
  X(TessDeleteText)                                                            \
  X(TessResultIteratorDelete)                                                  \
  X(TessResultIteratorGetPageIterator)                                         \
  X(TessResultIteratorGetChoiceIterator)                                       \
  X(TessResultIteratorNext)                                                    \
  X(TessResultIteratorGetUTF8Text)                                             \
  X(TessResultIteratorConfidence)                                              \
  X(TessPageIteratorBoundingBox)                                               \
  X(TessChoiceIteratorDelete)                                                  \
  X(TessChoiceIteratorNext)                                                    \
  X(TessChoiceIteratorGetUTF8Text)                                             \
  X(TessChoiceIteratorConfidence)

DL_DECLARE(lept, DL_LEPT_FUNCS)
DL_DECLARE(tess, DL_TESS_FUNCS)

/* The largest image recognised, in pixels: an A4 page scanned at 600 dpi
 * is 35 million; above this the page would not fit the child's memory. */
#define OCR_MAX_PIXELS (40L * 1000 * 1000)

/* One page for the child: the image file's bytes (PNG, JPEG, TIFF, PNM),
 * the resolution it was rasterised or scanned at (0: unknown, 200 is
 * assumed). */
typedef struct {
  const char *img;
  size_t n;
  int dpi;
} ocr_job;

/* The child's body (subproc_fork): recognises job (an ocr_job *) and
 * writes the records above to out_fd. Returns the exit code: 0, or 3 when
 * the libraries are missing (an X record says which). */
int ocr_child(void *job, int out_fd);

#endif
