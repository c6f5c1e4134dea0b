/*
 * read_scan.c — scanned reports: an image of a page (PNG, JPEG, TIFF) or a
 * PDF whose pages have no text layer, rasterised page by page with
 * `pdftoppm` (poppler-utils, as pdftotext). Each page is recognised in a
 * child process (ocr_page.c) with a time and an address-space limit; its
 * records become the same text rendition the HTML and DOCX readers build
 * (rendition.c): text lines, and tables as rows of grid positions with
 * rowspans and colspans, so the parser reads a scan as it reads a web page.
 *
 * Then the numbers are judged, never corrected:
 *   - a number the two readings (Chinese, digits only) do not agree on,
 *     that leaves ink of its cell unread, or whose least sure digit is
 *     below LOW, is null, with an error naming the page, the cell, its box
 *     on the page and the candidate readings;
 *   - a number between LOW and SURE is doubtful: it stays unless a sum of
 *     the tables (A1–A3, R1, from the checker) it takes part in fails; then
 *     it is null with an error naming the rule. The sums only point at a
 *     doubtful cell: a sure cell is never changed, and a sum that fails
 *     over sure cells stays a finding of the checker (the publisher's
 *     error, as printed);
 *   - where the two readings disagree, the sums over cells read sure may
 *     choose one of the recogniser's readings, the one they hold the cell
 *     to: taken, with a notice saying so; else null;
 *   - a figure with a point in a count, or merged with the cell above or
 *     below it (ruling lines lost under a seal), is null.
 * Every cell read from a scan names its place with the confidence:
 * "第3页 表格第5行第3列（扫描识别，置信度0.62）" (where.c).
 */
#include "ocr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SCAN_DPI 200
#define SURE 90 /* hundredths: at least this sure, a number is taken     */
#define LOW 60  /* below: null whatever the sums say                     */
#define PAGE_SECONDS 60
#define PAGE_OUT (16 * 1024 * 1024) /* records of one page             */

/* The address-space limit breaks AddressSanitizer, which reserves
 * terabytes of shadow memory up front. */
#if defined(__SANITIZE_ADDRESS__)
#define SCAN_MEMORY 0
#else
#define SCAN_MEMORY XXGK_MAX_SCAN_MEMORY
#endif

static xxgk_progress_fn progress_fn;
static void *progress_arg;

void xxgk_set_progress(xxgk_progress_fn fn, void *arg) {
  progress_fn = fn;
  progress_arg = arg;
}

/* A number read from a scan, as the judging needs it. */
typedef struct {
  uint32_t page, table, row, col; /* as the provenance map keys them */
  char kind; /* 'n', 'd' or 'p' (ocr.h); 'g' a figure merged with the one
               above or below it (feed) */
  uint16_t conf;                  /* hundredths                      */
  int x, y, w, h;
  char *text, *cands;
  int doubtful;
  const char *unsure; /* why the reading is not taken as it is, or NULL */
} number;

typedef struct {
  rendition *rd;
  number *nums;
  size_t n, cap;
  buf errors;        /* page errors, '\n'-separated, added at the end */
  xxgk_status st;    /* the worst page error                          */
  size_t fed;        /* text lines and tables recognised              */
  long long seconds_left; /* for the pages still to read           */
} scan;

static void page_error(scan *s, xxgk_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void page_error(scan *s, xxgk_status st, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char msg[1024];
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  buf_puts(&s->errors, msg);
  buf_putc(&s->errors, '\n');
  if (s->st == XXGK_OK)
    s->st = st;
}

/* Splits the record at p into at most max TAB-separated fields (the last
 * takes the rest of the line); returns how many. */
static int fields(char *p, char **f, int max) {
  int n = 0;
  f[n++] = p;
  for (; *p && n < max; p++)
    if (*p == '\t') {
      *p = 0;
      f[n++] = p + 1;
    }
  return n;
}

/* 1 if s is digits with at most one point between them, as the parser
 * reads one figure: else what the rendition gets holds the place only. */
static int plain_number(const char *s) {
  size_t n = strspn(s, "0123456789");
  if (n && s[n] == '.')
    n += 1 + strspn(s + n + 1, "0123456789");
  return n && !s[n] && s[n - 1] != '.';
}

static void add_number(scan *s, number e) {
  if (s->n == s->cap) {
    s->cap = s->cap ? s->cap * 2 : 256;
    s->nums = xxgk_realloc(s->nums, s->cap * sizeof *s->nums);
  }
  s->nums[s->n++] = e;
}

/* A figure spanning grid rows where other cells start below it is figures
 * the grid did not part: a ruling line lost under a seal or a stain merges
 * a cell with the one below it, and the recogniser read them as one. Each
 * grid position it covers gets a cell of its own, all judged null (kind
 * 'g'): left covered, the positions would read as blanks, 0. (A row no
 * cell starts in is a line the grid has too many — a stroke of text taken
 * for a ruling line: the rows it parts are whole again, as printed.) */
typedef struct {
  int row, col;
  number e;
} merged;

typedef struct {
  merged *m;
  size_t n, cap;
} merges;

/* Feeds the cells standing in for merged figures in row `row` left of
 * column `col`, left to right. */
static void feed_merged(scan *s, merges *g, int row, int col) {
  for (;;) {
    int first = -1;
    for (int i = 0; i < (int)g->n; i++)
      if (g->m[i].row == row && g->m[i].col < col &&
          (first < 0 || g->m[i].col < g->m[first].col))
        first = i;
    if (first < 0)
      return;
    merged m = g->m[first];
    g->m[first] = g->m[--g->n];
    m.e.row = (uint32_t)row + 1;
    m.e.col = (uint32_t)m.col + 1;
    m.e.text = xxgk_strdup("");
    m.e.cands = xxgk_strdup("");
    add_number(s, m.e);
    rend_scan_conf(s->rd, 0);
    rend_cell(s->rd, "0", 1, 1, 1); /* holds the place; judged null */
  }
}

enum { MAX_TABLES = 16, MAX_ROWS = 256 }; /* a page's, as ocr_page.c */

/* Marks the grid rows of each table of the page that a cell starts in. */
static void row_starts(const char *rec, uint8_t starts[MAX_TABLES][MAX_ROWS]) {
  int table = -1;
  for (const char *p = rec; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : p) {
    if (p[0] == 'T')
      table++;
    else if (p[0] == 'C' && p[1] == '\t' && table >= 0 && table < MAX_TABLES) {
      int r = atoi(p + 2);
      if (r >= 0 && r < MAX_ROWS)
        starts[table][r] = 1;
    }
  }
}

/* 1 if a cell of the table starts in a row from `from` on, before `to`. */
static int starts_in(uint8_t starts[MAX_TABLES][MAX_ROWS], uint32_t table,
                     int from, int to) {
  for (int r = from; r < to && r < MAX_ROWS; r++)
    if (table >= 1 && table <= MAX_TABLES && starts[table - 1][r])
      return 1;
  return 0;
}

/* Feeds one page's records to the rendition. */
static void feed(scan *s, uint32_t page, char *rec) {
  uint32_t line = 0, table = 0;
  int row = -1;
  merges g = {0};
  uint8_t(*starts)[MAX_ROWS] = xxgk_calloc(MAX_TABLES, sizeof *starts);
  row_starts(rec, starts);
  for (char *p = rec; p && *p;) {
    char *nl = strchr(p, '\n');
    if (nl)
      *nl = 0;
    char *f[13];
    int k = fields(p, f, 13);
    if ((f[0][0] == 'L' && k == 7) || f[0][0] == 'T')
      s->fed++;
    if (f[0][0] == 'L' && k == 7) {
      rend_scan_line(s->rd, page, ++line, f[6], strlen(f[6]));
    } else if (f[0][0] == 'T') {
      rend_scan_table(s->rd, page, ++table);
      row = -1;
      g.n = 0;
    } else if (f[0][0] == 'C' && k == 13) {
      int r = atoi(f[1]), c = atoi(f[2]), rs = atoi(f[3]), cs = atoi(f[4]);
      while (row < r) {
        feed_merged(s, &g, row, INT32_MAX);
        rend_row_begin(s->rd); /* also the rows only rowspans cover */
        row++;
      }
      feed_merged(s, &g, row, c);
      char kind = f[9][0];
      const char *text = f[11];
      uint16_t conf = SCAN_NO_CONF;
      if (kind == 'n' || kind == 'd' || kind == 'p') {
        conf = (uint16_t)(atof(f[10]) * 100 + 0.5);
        if (!plain_number(text)) {
          kind = kind == 'n' ? 'd' : kind; /* "1.2.3": no reading agreed on */
          text = "0"; /* holds the position; judged null below */
        }
        int split = rs > 1 && starts_in(starts, table, r + 1, r + rs);
        number e = {page,
                    table,
                    (uint32_t)r + 1,
                    (uint32_t)c + 1,
                    split ? 'g' : kind,
                    conf,
                    atoi(f[5]),
                    atoi(f[6]),
                    atoi(f[7]),
                    atoi(f[8]),
                    xxgk_strdup(f[11]),
                    xxgk_strdup(f[12]),
                    0,
                    NULL};
        add_number(s, e);
        for (int i = 0; i < rs && split; i++)
          for (int j = i ? 0 : 1; j < cs; j++) {
            if (g.n == g.cap) {
              g.cap = g.cap ? g.cap * 2 : 16;
              g.m = xxgk_realloc(g.m, g.cap * sizeof *g.m);
            }
            g.m[g.n++] = (merged){r + i, c + j, e};
          }
        if (split)
          rs = cs = 1;
      }
      rend_scan_conf(s->rd, conf);
      rend_cell(s->rd, text, strlen(text), cs, rs);
    } else if (f[0][0] == 'E') {
      /* The rows below the last record that merged figures reach. */
      for (feed_merged(s, &g, row, INT32_MAX); g.n; row++) {
        int below = 0; /* none above: records come in order of rows */
        for (size_t i = 0; i < g.n; i++)
          below |= g.m[i].row > row;
        if (!below)
          break;
        rend_row_begin(s->rd);
        feed_merged(s, &g, row + 1, INT32_MAX);
      }
      g.n = 0;
      rend_table_end(s->rd);
    } else if (f[0][0] == 'X' && k >= 2) {
      page_error(s, XXGK_E_ENCODING, "第%u页未能识别：%s", page, f[1]);
    }
    p = nl ? nl + 1 : NULL;
  }
  free(g.m);
  free(starts);
  rend_table_end(s->rd);
}

/* Recognises one page image in a child and feeds its records. Returns -1
 * when the pages after it cannot be read either (no recogniser). */
static int scan_page(scan *s, uint32_t page, const char *img, size_t n) {
  long long left = s->seconds_left;
  if (left <= 0) {
    page_error(s, XXGK_E_LIMIT,
               "第%u页起未识别：识别全部页面的时间超过 %d 秒的上限", page,
               XXGK_MAX_SCAN_SECONDS);
    return -1;
  }
  int seconds = left < PAGE_SECONDS ? (int)left : PAGE_SECONDS;
  ocr_job job = {img, n, SCAN_DPI};
  subproc r;
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  int rc = subproc_fork(ocr_child, &job, seconds, PAGE_OUT, SCAN_MEMORY, &r);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  s->seconds_left -= t1.tv_sec - t0.tv_sec + 1;
  int stop = 0;
  if (rc != 0) {
    if (r.timed_out)
      page_error(s, XXGK_E_LIMIT, "第%u页在 %d 秒内未能识别完，已跳过", page,
                 seconds);
    else if (r.too_much)
      page_error(s, XXGK_E_LIMIT, "第%u页的识别结果超过上限，已跳过", page);
    else
      page_error(s, XXGK_E_IO, "第%u页无法识别（%s）", page,
                 r.err.data ? r.err.data : "");
  } else {
    if (r.out.data)
      feed(s, page, r.out.data);
    if (r.exit_code == 3) {
      s->st = XXGK_E_IO; /* the X record said which package is missing */
      stop = 1;
    } else if (r.exit_code != 0 && r.exit_code != 4) {
      page_error(s, XXGK_E_LIMIT,
                 "第%u页识别中止（超过 %ld MiB 内存上限，或图像损坏），已跳过",
                 page, XXGK_MAX_SCAN_MEMORY >> 20);
    }
  }
  buf_free(&r.out);
  buf_free(&r.err);
  return stop ? -1 : 0;
}

/* ## Judging the numbers */

static int cmp_number(const void *a, const void *b) {
  const number *x = a, *y = b;
  uint32_t kx[4] = {x->page, x->table, x->row, x->col},
           ky[4] = {y->page, y->table, y->row, y->col};
  for (int i = 0; i < 4; i++)
    if (kx[i] != ky[i])
      return kx[i] < ky[i] ? -1 : 1;
  return 0;
}

/* The number read at the document cell c, or NULL. */
static number *number_at(scan *s, const xxgk_doc *d, const xxgk_cell *c) {
  number key = {0};
  if (!where_scan_cell(d->where, c->line, c->col, &key.page, &key.table,
                       &key.row, &key.col))
    return NULL;
  return bsearch(&key, s->nums, s->n, sizeof *s->nums, cmp_number);
}

/* Nulls the cell with an error saying why and what the candidates are. */
static void reject(xxgk_doc *d, int row, int col, const number *e,
                   const char *why) {
  xxgk_cell *c = &d->cells[row][col];
  char where[160], label[512];
  xxgk_doc_where(d, c->line, c->col, where, sizeof where);
  dict_cell_label(row, col, label, sizeof label);
  xxgk_diag *g = doc_diag(
      d, "P", XXGK_SEV_ERROR, c->line, c->col,
      "%s（%s）：扫描识别的数字“%s”%s，未采用，此格留空；图像位置：左 %d、上 %d、宽 "
      "%d、高 %d 像素；候选：%s。请对照原件核对后填写",
      where, label, *e->text ? e->text : "（无）", why, e->x, e->y, e->w, e->h,
      *e->cands ? e->cands : "无");
  if (g)
    diag_cell(g, row, col);
  c->state = XXGK_CELL_ABSENT;
  c->num = (xxgk_num){0, 0};
}

static int is_sum_rule(const char *rule) {
  return !strcmp(rule, "A1") || !strcmp(rule, "A2") || !strcmp(rule, "A3") ||
         !strcmp(rule, "R1");
}

typedef number *number_grid[XXGK_DICT_ROWS][XXGK_MAX_COLS];

/* Runs the checker and takes its findings back off the document (the
 * caller checks it again, on what is left). Calls fn with each sum
 * finding. */
static void each_sum_finding(xxgk_doc *d,
                             void (*fn)(const xxgk_diag *g, void *arg),
                             void *arg) {
  size_t n0 = d->n_diags;
  xxgk_check(d);
  for (size_t i = n0; i < d->n_diags; i++)
    if (is_sum_rule(d->diags[i].rule))
      fn(&d->diags[i], arg);
  for (size_t i = n0; i < d->n_diags; i++)
    free(d->diags[i].message);
  d->n_diags = n0;
}

/* The doubtful cells the sum findings name, with the rule. */
typedef struct {
  const number_grid *at;
  struct {
    int row, col;
    char rule[4];
  } * hits;
  size_t n;
} doubt_hits;

static void collect_doubtful(const xxgk_diag *g, void *arg) {
  doubt_hits *h = arg;
  for (int k = 0; k < g->n_cells; k++) {
    const number *e = (*h->at)[g->cells[k].row][g->cells[k].col];
    if (!e || !e->doubtful)
      continue;
    h->hits = xxgk_realloc(h->hits, (h->n + 1) * sizeof *h->hits);
    h->hits[h->n].row = g->cells[k].row;
    h->hits[h->n].col = g->cells[k].col;
    snprintf(h->hits[h->n++].rule, sizeof h->hits->rule, "%s", g->rule);
  }
}

/* Whether a sum finding names the cell (row, col), and whether one that
 * does names no other cell but ones read sure. */
typedef struct {
  int row, col;
  const number_grid *at;
  int named, over_sure;
} sum_probe;

static void probe_finding(const xxgk_diag *g, void *arg) {
  sum_probe *p = arg;
  int named = 0, sure = 1;
  for (int k = 0; k < g->n_cells; k++) {
    int r = g->cells[k].row, c = g->cells[k].col;
    if (r == p->row && c == p->col) {
      named = 1;
      continue;
    }
    const number *e = (*p->at)[r][c];
    sure = sure && e && e->kind == 'n' && !e->unsure && e->conf >= SURE;
  }
  p->named |= named;
  p->over_sure |= named && sure;
}

/* Tries v at the cell: 1 if no sum fails with it, and one over cells read
 * sure fails with v + 1 — that sum holds the cell to v. */
static int sums_confirm(xxgk_doc *d, const number_grid *at, int row, int col,
                        xxgk_num v) {
  xxgk_cell *c = &d->cells[row][col];
  sum_probe p = {row, col, at, 0, 0};
  c->state = XXGK_CELL_VALUE;
  c->num = v;
  each_sum_finding(d, probe_finding, &p);
  if (p.named)
    return 0;
  c->num.mant += 1;
  each_sum_finding(d, probe_finding, &p);
  c->num = v;
  return p.over_sure;
}

/* The reading of an unsure cell that the sums hold it to, among the
 * recogniser's readings of it (its text and its candidates); 1 and *out
 * if exactly one. */
static int confirmed_reading(xxgk_doc *d, const number_grid *at, int row,
                             int col, const number *e, xxgk_num *out) {
  int found = 0;
  const char *p = e->text;
  for (const char *next = e->cands; p; p = next, next = NULL) {
    for (const char *q = p; q && *q;) {
      size_t k = strcspn(q, "/");
      xxgk_num v;
      if (k && k <= 9 && strspn(q, "0123456789") == k &&
          xxgk_num_parse(q, k, &v) == 0 && sums_confirm(d, at, row, col, v)) {
        if (found && xxgk_num_cmp(v, *out) != 0)
          return 0;
        *out = v;
        found = 1;
      }
      q = q[k] ? q + k + 1 : NULL;
    }
  }
  return found;
}

static int judge(scan *s, xxgk_doc *d) {
  int rejected = 0;
  if (s->n > 1)
    qsort(s->nums, s->n, sizeof *s->nums, cmp_number);
  number_grid at = {{0}};
  for (int row = 0; row < XXGK_DICT_ROWS; row++)
    for (int col = 0; col < XXGK_MAX_COLS; col++) {
      xxgk_cell *c = &d->cells[row][col];
      number *e = c->state != XXGK_CELL_ABSENT && c->line
                      ? number_at(s, d, c)
                      : NULL;
      if (!e)
        continue;
      at[row][col] = e;
      if (e->kind == 'd')
        e->unsure =
            *e->text ? "两次识别（英文、中文模型，均限数字）结果不一致"
                     : "无法识别（有墨迹，但读不出数字：过淡、残缺或被遮挡）";
      else if (e->kind == 'p')
        e->unsure =
            "只读出格中一部分笔画（其余墨迹未识别为数字，可能漏读一位）";
      else if (strchr(e->text, '.') &&
               xxgk_dict_row(row)->cols[col].kind != XXGK_KIND_MONEY)
        e->unsure = "读出小数点，但此格应为整数（小数点可能是污点）";
      else if (e->kind == 'g')
        e->unsure = "与下方或上方的格连成一格（格线缺失，或被印章、污损遮"
                    "住），无法分开读取";
      else if (e->conf < LOW)
        e->unsure = "置信度过低";
      else if (e->conf < SURE)
        e->doubtful = 1;
      if (e->unsure)
        c->state = XXGK_CELL_ABSENT; /* no part in the sums below */
    }
  /* The sums point at doubtful cells: the checker's findings. */
  doubt_hits h = {&at, NULL, 0};
  each_sum_finding(d, collect_doubtful, &h);
  for (size_t i = 0; i < h.n; i++) {
    number *e = at[h.hits[i].row][h.hits[i].col];
    if (!e->doubtful)
      continue; /* already rejected through another sum */
    e->doubtful = 0;
    char why[96];
    snprintf(why, sizeof why, "置信度 %u.%02u 不高，且与表中合计（%s）不符",
             e->conf / 100u, e->conf % 100u, h.hits[i].rule);
    reject(d, h.hits[i].row, h.hits[i].col, e, why);
    rejected++;
  }
  free(h.hits);
  /* Two readings that disagree: one of the recogniser's readings of the
   * cell is taken when the table's sums, over cells read sure, hold the
   * cell to it — said in a notice; the sums choose among the readings,
   * they never make a number up. A reading of low confidence or with ink
   * left unread has no rival reading to choose: null, as every cell the
   * sums do not settle, with why. */
  for (int row = 0; row < XXGK_DICT_ROWS; row++)
    for (int col = 0; col < XXGK_MAX_COLS; col++) {
      number *e = at[row][col];
      if (!e || !e->unsure)
        continue;
      xxgk_num v;
      if (e->kind == 'd' && confirmed_reading(d, &at, row, col, e, &v)) {
        xxgk_cell *c = &d->cells[row][col];
        c->state = XXGK_CELL_VALUE;
        c->num = v;
        char where[160], label[512], num[32];
        xxgk_doc_where(d, c->line, c->col, where, sizeof where);
        dict_cell_label(row, col, label, sizeof label);
        xxgk_num_format(v, num);
        xxgk_diag *g = doc_diag(
            d, "P", XXGK_SEV_NOTICE, c->line, c->col,
            "%s（%s）：%s（读作“%s”，候选：%s），取与表中合计相符的“%s”；"
            "请对照原件核对",
            where, label, e->unsure, *e->text ? e->text : "（无）",
            *e->cands ? e->cands : "无", num);
        if (g)
          diag_cell(g, row, col);
        continue;
      }
      char why[64];
      int low = e->kind == 'n' && e->conf < LOW;
      if (low)
        snprintf(why, sizeof why, "置信度 %u.%02u 过低", e->conf / 100u,
                 e->conf % 100u);
      reject(d, row, col, e, low ? why : e->unsure);
      rejected++;
    }
  return rejected;
}

/* ## Reading */

static void scan_init(scan *s) {
  memset(s, 0, sizeof *s);
  s->rd = rend_new();
  s->seconds_left = XXGK_MAX_SCAN_SECONDS;
}

static xxgk_status scan_finish(scan *s, xxgk_doc **out) {
  xxgk_status st = rend_finish(s->rd, out);
  if (!s->fed) {
    /* Nothing recognised: the parser's "no tables" would hide why. */
    xxgk_doc_free(*out);
    if (!s->errors.len)
      st = read_refuse(out, XXGK_E_NOT_REPORT,
                       "扫描件中未识别出任何文字：页面空白，或图像不是文字页面；"
                       "请确认提交的是年度报告的扫描件或照片");
    else
      st = read_refuse(out, s->st, "%.*s", (int)strcspn(s->errors.data, "\n"),
                       s->errors.data); /* the rest follow */
  } else if (s->n && judge(s, *out) && st == XXGK_OK) {
    st = XXGK_E_INCOMPLETE;
  }
  char *p = s->errors.data;
  if (!s->fed && p)
    p = strchr(p, '\n') + 1;
  while (p && *p) {
    char *nl = strchr(p, '\n');
    *nl = 0;
    doc_diag(*out, "E", XXGK_SEV_ERROR, 0, 0, "%s", p);
    p = nl + 1;
  }
  if (s->st != XXGK_OK && (st == XXGK_OK || st == XXGK_E_INCOMPLETE ||
                           st == XXGK_E_NOT_REPORT))
    st = s->st;
  for (size_t i = 0; i < s->n; i++) {
    free(s->nums[i].text);
    free(s->nums[i].cands);
  }
  free(s->nums);
  buf_free(&s->errors);
  return st;
}

static void progress(int done, int total) {
  if (progress_fn)
    progress_fn(progress_arg, "识别扫描件", done, total);
}

xxgk_status read_image(const char *data, size_t n, xxgk_doc **out) {
  scan s;
  scan_init(&s);
  progress(0, 1);
  scan_page(&s, 1, data, n);
  progress(1, 1);
  return scan_finish(&s, out);
}

xxgk_status read_scan_records(char *rec, xxgk_doc **out) {
  scan s;
  scan_init(&s);
  feed(&s, 1, rec);
  return scan_finish(&s, out);
}

xxgk_status read_scan_pdf(const char *data, size_t n, int pages,
                          xxgk_doc **out) {
  if (pages > XXGK_MAX_SCAN_PAGES)
    return read_refuse(out, XXGK_E_LIMIT,
                       "PDF 没有文字层（扫描件），共 %d 页，超过文字识别 %d "
                       "页的上限，未识别；年度报告一般不超过 20 页，请只提交"
                       "报告本身",
                       pages, XXGK_MAX_SCAN_PAGES);
  scan s;
  scan_init(&s);
  char dpi[16];
  snprintf(dpi, sizeof dpi, "%d", SCAN_DPI);
  for (int p = 1; p <= pages; p++) {
    progress(p - 1, pages);
    char num[16];
    snprintf(num, sizeof num, "%d", p);
    const char *const argv[] = {"pdftoppm", "-r", dpi, "-f", num, "-l",
                                num,        "-",  NULL};
    subproc r;
    int rc = subproc_run(argv, data, n, PAGE_SECONDS, PAGE_OUT * 4, &r);
    buf_free(&r.err);
    if (rc != 0 || r.exit_code != 0 || !r.out.len) {
      buf_free(&r.out);
      if (r.not_found) {
        page_error(&s, XXGK_E_IO,
                   "读取扫描的 PDF 需要 pdftoppm 程序（Debian：sudo apt-get "
                   "install poppler-utils）");
        break;
      }
      page_error(&s, r.timed_out ? XXGK_E_LIMIT : XXGK_E_ENCODING,
                 "第%d页无法转为图像，已跳过", p);
      continue;
    }
    int stop = scan_page(&s, (uint32_t)p, r.out.data, r.out.len);
    buf_free(&r.out);
    if (stop)
      break;
  }
  progress(pages, pages);
  return scan_finish(&s, out);
}
