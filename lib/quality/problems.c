/*
 * problems.c — does part 五 (存在的主要问题及改进情况) name concrete
 * problems and measures, or only a template sentence? A documented
 * heuristic (docs/quality.md), not a model, in one pass over the text:
 *
 *   1. the text is cut into sentences at 。；！？： (and their ASCII
 *      forms); a line end is no cut, since PDF text breaks lines inside
 *      sentences;
 *   2. its clauses (cut at commas) that hold a stock phrase (进一步加强,
 *      仍存在一定差距, 有待提高 …) are set aside;
 *   3. the sentence is concrete if it holds a figure (an Arabic digit: 3次,
 *      2023年, 95%) or a document's title in 《》, or if what is left has
 *      at least 12 characters (6 after an enumerator: 一是…, （一）…, 1.…);
 *      a sentence that is not, but held a stock phrase, is boilerplate;
 *   4. a concrete sentence names a measure if it announces one (将, 下一步,
 *      今后 …) or begins, after its enumerator, with what is done (加强,
 *      开展, 建立 …); else a problem if it holds a problem word (不足, 不够,
 *      滞后, 问题 …).
 *
 * Why these signs: an assessor reads "concrete" as something one could
 * check — a number, a named document, a listed item; the stock phrases are
 * those of template reports, which fit any organ and year.
 */
#include "quality.h"

#include <pthread.h>
#include <string.h>

static const char *const STOCK[] = {
    "存在一定差距", "存在一些差距",   "还有一定差距", "仍有差距",
    "存在一些不足", "存在一定不足",   "还存在不足",   "有待进一步",
    "有待提高",     "有待加强",       "进一步加强",   "进一步提高",
    "进一步提升",   "进一步规范",     "进一步完善",   "进一步推进",
    "不断提高",     "不断提升",       "不断完善",     "持续推进",
    "切实提高",     "取得了一定成效", "取得一定成效", "群众的期待",
    "公众的期待",   "群众的期盼",     "上级要求相比", "新形势新要求",
    "思想为指导",   "以人民为中心",   "持之以恒",     "需进一步",
    "还需加强",     "仍需加强",       "仍需提升",     "还需提升"};

static const char *const PROBLEM[] = {
    "问题", "不足", "差距",   "薄弱",   "不够",   "不高",   "不强",
    "不深", "不全", "不到位", "不及时", "不规范", "不完善", "不精准",
    "滞后", "欠缺", "单一",   "较少",   "偏少",   "缺乏",   "有待"};

/* A measure is announced (将, 下一步 …) or an item that begins with what is
 * done (加强…, 开展…): 规范 and 完善 alone would also match 不规范. */
static const char *const FUTURE[] = {"将",   "下一步", "今后",     "拟",
                                     "计划", "力争",   "改进措施", "整改"};
static const char *const MEASURE[] = {
    "加强", "完善", "推进", "建立", "制定", "开展", "组织", "落实", "提升",
    "优化", "规范", "培训", "修订", "上线", "增设", "健全", "督促", "强化",
    "抓好", "做好", "深化", "扩大", "畅通", "提高", "丰富", "严格"};

static const char *const NUMERALS = "一二三四五六七八九十";

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* The words of STOCK, PROBLEM and FUTURE, found in one pass over a text:
 * a hash of each word's first character (3 bytes) leads to the few words
 * that begin with it, so a sentence is read once, not once per word. */
enum { W_STOCK = 1, W_PROBLEM = 2, W_FUTURE = 4 };

#define N_WORDS (N(STOCK) + N(PROBLEM) + N(FUTURE))
#define BUCKETS 256

static struct {
  const char *word[N_WORDS];
  unsigned char len[N_WORDS], kind[N_WORDS];
  signed char next[N_WORDS]; /* the next word of the bucket, or -1 */
  signed char first[BUCKETS];
} W;
static pthread_once_t W_ONCE = PTHREAD_ONCE_INIT;

static unsigned bucket(const char *c) {
  return ((unsigned char)c[1] * 31u + (unsigned char)c[2]) % BUCKETS;
}

static void build_words(void) {
  static const struct {
    const char *const *w;
    size_t n;
    unsigned char kind;
  } LISTS[] = {{STOCK, N(STOCK), W_STOCK},
               {PROBLEM, N(PROBLEM), W_PROBLEM},
               {FUTURE, N(FUTURE), W_FUTURE}};
  memset(W.first, -1, sizeof W.first);
  int k = 0;
  for (size_t l = 0; l < N(LISTS); l++)
    for (size_t i = 0; i < LISTS[l].n; i++, k++) {
      W.word[k] = LISTS[l].w[i];
      W.len[k] = (unsigned char)strlen(W.word[k]);
      W.kind[k] = LISTS[l].kind;
      unsigned b = bucket(W.word[k]);
      W.next[k] = W.first[b];
      W.first[b] = (signed char)k;
    }
}

/* W_* bits of the words s[0..n) holds. */
static unsigned words_in(const char *s, size_t n) {
  pthread_once(&W_ONCE, build_words);
  unsigned found = 0;
  for (size_t i = 0; i + 3 <= n; i++) {
    if ((unsigned char)s[i] < 0xE0) /* not the lead byte of a CJK char */
      continue;
    for (int k = W.first[bucket(s + i)]; k >= 0; k = W.next[k])
      if (W.len[k] <= n - i && s[i + 1] == W.word[k][1] &&
          s[i + 2] == W.word[k][2] && memcmp(s + i, W.word[k], W.len[k]) == 0)
        found |= W.kind[k];
  }
  return found;
}

/* The length of the CJK numeral s[0..n) starts with (3 bytes), or 0. */
static size_t numeral(const char *s, size_t n) {
  for (const char *c = NUMERALS; *c; c += 3)
    if (n >= 3 && memcmp(s, c, 3) == 0)
      return 3;
  return 0;
}

static int starts(const char *s, size_t n, const char *p) {
  size_t k = strlen(p);
  return n >= k && memcmp(s, p, k) == 0;
}

/* The length of the enumerator s starts with (一是, 一、, （一）, (一), （1）,
 * 1., 1、), or 0. */
static size_t enumerator(const char *s, size_t n) {
  size_t k = numeral(s, n);
  if (k)
    return starts(s + k, n - k, "是") || starts(s + k, n - k, "、") ? k + 3 : 0;
  size_t open = starts(s, n, "（") ? 3 : starts(s, n, "(") ? 1 : 0;
  size_t i = open, d = open ? numeral(s + i, n - i) : 0;
  if (!d)
    while (i + d < n && s[i + d] >= '0' && s[i + d] <= '9')
      d++;
  if (!d)
    return 0;
  i += d;
  static const char *const CLOSE[] = {"）", ")", ".", "、", "．"};
  for (size_t c = open ? 0 : 2; c < (open ? 2 : 5); c++)
    if (starts(s + i, n - i, CLOSE[c]))
      return i + strlen(CLOSE[c]);
  return 0;
}

static size_t chars(const char *s, size_t n) {
  size_t c = 0;
  for (size_t i = 0; i < n; i++)
    c += ((unsigned char)s[i] & 0xC0) != 0x80;
  return c;
}

/* 1 if s[0..n) holds a figure (an Arabic digit, ASCII or full-width
 * ０–９: EF BC 90–99) or a title's 《 (E3 80 8A). */
static int has_fact(const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  for (size_t i = 0; i < n; i++)
    if ((u[i] >= '0' && u[i] <= '9') ||
        (i + 2 < n && u[i] == 0xEF && u[i + 1] == 0xBC && u[i + 2] >= 0x90 &&
         u[i + 2] <= 0x99) ||
        (i + 2 < n && u[i] == 0xE3 && u[i + 1] == 0x80 && u[i + 2] == 0x8A))
      return 1;
  return 0;
}

/* Copies the sentence without its line ends and spaces, as an example. */
static void example(char *out, size_t cap, const char *s, size_t n) {
  char tmp[EXAMPLE_MAX * 2];
  size_t k = 0;
  for (size_t i = 0; i < n && k < sizeof tmp; i++)
    if (s[i] != '\n' && s[i] != '\r' && s[i] != ' ' && s[i] != '\t')
      tmp[k++] = s[i];
  quality_copy(out, cap, tmp, k);
}

/* The characters of s[0..n) in clauses (cut at commas) that hold no stock
 * phrase; *words: the W_* bits of the words of every clause. */
static size_t plain_chars(const char *s, size_t n, unsigned *words) {
  size_t total = 0, start = 0;
  *words = 0;
  for (size_t i = 0; i <= n; i++) {
    size_t k = i == n || s[i] == ','                              ? 1
               : (unsigned char)s[i] == 0xEF && starts(s + i, n - i, "，") ? 3
                                                                         : 0;
    if (!k)
      continue;
    unsigned w = words_in(s + start, i - start);
    if (!(w & W_STOCK))
      total += chars(s + start, i - start);
    *words |= w;
    start = i + k;
    i += k - 1;
  }
  return total;
}

static void sentence(const char *s, size_t n, problems_stats *o) {
  while (n &&
         (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '#'))
    s++, n--;
  while (n >= 3 && memcmp(s, "\xE3\x80\x80", 3) == 0) /* U+3000 */
    s += 3, n -= 3;
  if (chars(s, n) < 2)
    return;
  o->sentences++;
  size_t e = enumerator(s, n);
  const char *body = s + e;
  size_t nb = n - e;
  unsigned words;
  int fact = has_fact(s, n);
  size_t plain = plain_chars(body, nb, &words);
  /* A heading such as （一）存在问题, a fragment, or only stock phrases. */
  if (!fact && !(e && plain >= 6) && plain < 12) {
    if ((words & W_STOCK) && !o->boilerplate++)
      example(o->stock, sizeof o->stock, s, n);
    return;
  }
  o->concrete++;
  int measure = (words & W_FUTURE) != 0;
  for (size_t m = 0; m < N(MEASURE) && !measure; m++)
    measure = starts(body, nb, MEASURE[m]);
  if (measure && !o->measures++)
    example(o->measure, sizeof o->measure, s, n);
  else if (!measure && (words & W_PROBLEM) && !o->problems++)
    example(o->problem, sizeof o->problem, s, n);
}

void quality_problems(const char *text, problems_stats *out) {
  memset(out, 0, sizeof *out);
  static const char *const ENDS[] = {"。", "；", "！", "？", "：",
                                     ";",  "!",  "?",  ":"};
  if (!text)
    return;
  const char *start = text, *end = text + strlen(text);
  for (const char *p = text; p < end;) {
    size_t k = 0;
    /* The marks begin with one of these bytes: most bytes are no mark. */
    unsigned char c = (unsigned char)*p;
    if (c == ';' || c == '!' || c == '?' || c == ':' || c == 0xE3 || c == 0xEF)
      for (size_t e = 0; e < N(ENDS) && !k; e++)
        if (starts(p, (size_t)(end - p), ENDS[e]))
          k = strlen(ENDS[e]);
    if (!k) {
      p++;
      continue;
    }
    sentence(start, (size_t)(p - start), out);
    p += k;
    start = p;
  }
  sentence(start, (size_t)(end - start), out);
}
