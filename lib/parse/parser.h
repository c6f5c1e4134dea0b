/*
 * parser.h — the parser's state, shared by its four stages:
 *
 *   input.c    bytes → lines: encoding (UTF-8, UTF-16, GB18030 via iconv),
 *              line ends, the input limits
 *   outline.c  lines → title, part headings, narrative parts
 *   lex.c      a normalised line → cells → tokens (text, number, blank)
 *   parse.c    tokens → events: each run of numbers with the row label
 *              before it (exact, or near the row expected next), labels
 *              alone, and numbers under no label inside a table
 *   align.c    events → the cells of the model, once the format is known:
 *              plain rows, then the rest aligned against the template
 *              (the dictionary's rows in order, their cell counts), and
 *              digits run together split by their row's own sum
 *
 * Every stage is linear in its input and never rescans what it consumed.
 */
#ifndef XXGK_PARSER_H
#define XXGK_PARSER_H

#include "internal.h"
#include "labels.h"

#include <iconv.h>

#define WINDOW 6        /* text tokens kept before a number run      */
#define WINDOW_TEXT 320 /* a longer token cannot be a row label        */
#define MAX_RUN 64 /* numbers kept per run (a group of table 3: 8 rows of
                      7); more are only counted                      */
#define MAX_EVENTS 4096 /* events kept per report; more are an error   */
#define T4_NUMBERS 15
#define SPLIT_WAYS 3   /* splits of a run of digits listed or weighed   */
#define MAX_PENDING 6  /* rows whose split the column sums may settle   */

#define FIELD_MAX 400   /* a title or agency kept aside, in bytes       */

/* TOK_GLUED: digits run together with the text before them and possibly
 * with each other ("数量2310000024"): one cell or several, unsplit. */
typedef enum { TOK_TEXT, TOK_NUM, TOK_BLANK, TOK_GLUED } tok_kind;

typedef struct {
  tok_kind kind;
  const char *s; /* the token's normalised text (not NUL-terminated) */
  size_t n;
  xxgk_num num;     /* TOK_NUM */
  const char *unit; /* "元", "万元", …, or NULL                        */
  uint32_t line, col;
} token;

typedef struct {
  xxgk_num num;
  uint8_t blank;     /* printed as "—", "/" or "无", or empty; 2: an
                        empty cell that may be a merged label column's  */
  uint8_t glued_n;   /* > 0: TOK_GLUED, its digits at p->strs + glued */
  uint32_t glued;
  const char *unit;
  uint32_t line, col;
} numtok;

typedef struct {
  char text[WINDOW_TEXT];
  size_t n;
  uint32_t line, col;
  int target; /* the target this token alone names exactly, or -1 */
} wtok;

/* What a stretch of a table gave: a run of numbers and the label right
 * before it, or a label with no numbers after it. */
enum {
  EV_ORPHAN = -1, /* numbers after text that names no row                */
  EV_UNSURE = -5  /* numbers after a label equally near two rows: unused  */
};
typedef struct {
  int target;       /* the label's target, or EV_*                        */
  xxgk_table table; /* the target's, or the table being read (EV_*)       */
  xxgk_how how;     /* the label's: PLAIN, NEAR_MATCH, or ALIGNED when it
                       stood after its numbers on their line             */
  uint32_t line, col;   /* the first number, or the label alone         */
  uint32_t first;       /* its numbers: p->nums[first …]                */
  int n;                /* numbers in the run, also past MAX_RUN; 0: none */
  uint32_t label, label_n; /* a near label as printed: p->strs + label  */
  int distance;            /* … and its edit distance                    */
  uint32_t label_line;     /* the line of the label before, 0: none     */
  int used;                /* align.c: its numbers were given to rows    */
} event;
typedef enum { ENC_UNKNOWN, ENC_UTF8, ENC_ICONV, ENC_FAILED } enc_state;

struct xxgk_parser {
  xxgk_doc *doc;
  xxgk_status status;

/* input.c */
  enc_state enc;
  iconv_t cd;
  buf pending;     /* bytes not yet decided or not yet converted  */
  buf line;        /* the current line, UTF-8                     */
  int line_skip;   /* the current line is over XXGK_MAX_LINE      */
  int last_cr;     /* the previous chunk ended in '\r'            */
  uint32_t lineno; /* 1-based number of the current line          */
  uint64_t n_in;   /* bytes fed                                   */
  size_t n_bad;    /* invalid sequences replaced                  */
  size_t n_long;   /* lines skipped for length                    */

  /* lex.c */
  buf norm;
  text_cols tc; /* the columns of norm's characters */
  int bar_ended; /* the last line that was not empty ended in '|' */

  /* outline.c */
  int part;         /* the part (0..5) whose heading came last, or -1 */
  int seen_heading; /* any part heading seen                         */
  int title_done;
  int n_lines_seen;       /* non-blank lines before the title          */
  buf prev_line;          /* the last non-blank line, as printed       */
  char line_key[KEY_MAX]; /* the key of the line, when …               */
  int line_key_n;         /* … computed whole: its length; else -1     */
  buf sections[XXGK_N_SECTIONS];
  buf sections_norm[XXGK_N_SECTIONS]; /* the same, normalised         */
  buf section_jumps[XXGK_N_SECTIONS]; /* line_jump: see xxgk_doc      */
  uint32_t section_n[XXGK_N_SECTIONS];     /* lines kept                   */
  uint32_t section_first[XXGK_N_SECTIONS]; /* the input line of the first  */
  uint32_t section_last[XXGK_N_SECTIONS]; /* the input line of the last    */
  int norm_lost[XXGK_N_SECTIONS];     /* a NUL cut the printed text    */
  /* Title candidates kept for want of a title with its year, as printed
   * (NUL-terminated, at most FIELD_MAX - 1 bytes; "" if none). */
  char title_yearless[FIELD_MAX]; /* a title printed without its year */
  char title_hint[FIELD_MAX];     /* the page's <title>               */
  char agency_field[FIELD_MAX];   /* a crawler's "发布机构：" value     */
  int period_year; /* the year of the statistics-period sentence       */

  /* parse.c */
  wtok window[WINDOW]; /* a ring: WIN(p, 0) oldest … WIN(p, n_window-1) */
  int w_first;         /* slot of the oldest token                      */
  int n_window;
  int run;             /* the event the current run goes to; RUN_NONE
                          between runs, RUN_PROSE in numbers no table has */
  event *ev;
  int n_ev;
  size_t cap_ev;
  int ev_full;         /* MAX_EVENTS reached (said once)                */
  numtok *nums;
  size_t n_nums, cap_nums;
  buf strs;            /* glued digits and near labels, as printed     */
  int *first_ev;       /* per target: its first event with numbers, or -1 */
  int ctx_table;       /* the table whose rows came last, or -1         */
  int ctx_part;        /* … under this part heading                     */
  int last_target;     /* the last row label seen in it                 */
  int saw_table;       /* a table heading or a row label was seen       */
  int t4_mode;
  numtok t4[T4_NUMBERS];     /* table 4 as first read           */
  numtok t4_dup[T4_NUMBERS]; /* a second table 4, for the error */
  int t4_found;
  int t4_n;
  int t4_paused; /* lines of text skipped since table 4's last figure */
  uint32_t t4_skip_line; /* … the line of the last: its numbers too  */
  uint32_t t4_line;
  uint32_t t4_near;   /* the line of table 4's header printed near "行政复议" */
  char t4_label[64];  /* … as its key                                   */
  /* align.c: rows of table 3 whose digits run together split in a few
   * ways that each keep the row's own sum; the table's column sums may
   * settle them once every row is read. */
  struct split_held {
    int row;
    int n;                        /* its splits                    */
    xxgk_num v[SPLIT_WAYS][XXGK_MAX_COLS];
    uint32_t line, col;
    char digits[64];              /* as printed, for the notice    */
    char shown[200];              /* the splits, for the error     */
  } held[MAX_PENDING];
  int n_held;
  int votes[XXGK_N_TABLES][2]; /* format evidence: [table][0]=2019 [1]=2021 */
  uint32_t vote_line[XXGK_N_TABLES][2];
};

#define WIN(p, i) (&(p)->window[((p)->w_first + (i)) % WINDOW])

/* input.c */
void input_feed(xxgk_parser *p, const char *s, size_t n);
void input_finish(xxgk_parser *p);

/* outline.c: called for every line, before it is lexed, with its
 * text_normalize flags. Returns 1 if the line is layout (a page number, a
 * Markdown rule) to be skipped. */
int outline_line(xxgk_parser *p, const char *orig, size_t n_orig,
                 const char *norm, size_t n_norm, unsigned flags);
void outline_finish(xxgk_parser *p);
/* A title the document states outside its text (an HTML <title>, with
 * the site's name around it): the title, year and agency when the text
 * prints none. Call before xxgk_parser_finish. */
void outline_title_hint(xxgk_parser *p, const char *s, size_t n);
/* 1 if s is a page number line such as "- 4 -" or "第4页 共6页". */
int outline_is_page_number(const char *s, size_t n);

/* lex.c: splits a normalised line (p->norm, with its text_normalize flags)
 * into tokens and hands each to parse.c. */
void lex_line(xxgk_parser *p, const char *s, size_t n, unsigned flags,
              uint32_t line);

/* parse.c */
enum { RUN_NONE = -1, RUN_PROSE = -2 };
void parse_line(xxgk_parser *p, const char *orig, size_t n);
void parse_token(xxgk_parser *p, const token *t);

/* align.c: the cells of tables 2 and 3 from the events, in the formats
 * each table is read in (tf[table]); returns how many of the two tables
 * gave any cells. */
int align_tables(xxgk_parser *p, const xxgk_format tf[XXGK_N_TABLES]);
/* Fills the cells of rows[0..n_rows) (dictionary rows, one after another)
 * from nums[0..n), splitting digits run together where exactly one split
 * gives the rows' cell counts and sums; the cells say `how` they were read
 * (a split: XXGK_HOW_SPLIT_BY_SUM; a blank: XXGK_HOW_BLANK if how is plain).
 * Returns 0; -1, nothing set, when the numbers cannot be so many cells; -2,
 * nothing set, when no split or several fit (an error says which). */
int align_fill(xxgk_parser *p, const int *rows, int n_rows,
               const numtok *nums, int n, xxgk_how how);
/* The digits of a glued number token. */
static inline const char *glued_digits(const xxgk_parser *p,
                                       const numtok *t) {
  return p->strs.data + t->glued;
}
#endif
