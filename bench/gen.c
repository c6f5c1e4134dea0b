/*
 * gen.c — `bench_gen`, the benchmark's corpus generator: N synthetic annual
 * reports (bench/synth.c) written in every rendition, one file per report,
 * plus a manifest saying which reports carry an inconsistent cell and which
 * rules it must raise.
 *
 *   bench_gen [-n N] [-s SEED] [-f 2019|2021|mix] [-b PERCENT]
 *             [-r NAME,NAME…|all|text] [-x] [-j] DIR
 *   bench_gen [options] -o FILE [-i INDEX]
 *
 * DIR receives DIR/<rendition>/NNNNNN.<ext> for each rendition asked for,
 * DIR/json/NNNNNN.json with -j (the generated data as canonical JSON, what
 * reading the renditions must give back), and DIR/manifest.tsv. With -x,
 * each report is written once, in the renditions asked for in turn, to
 * DIR/mixed/ (a corpus as a collector meets it). With -o, report INDEX
 * alone is written to FILE ("-": standard output) in the first rendition
 * named. Same seed, same corpus.
 *
 * Renditions: the plain-text ones of tests/gen/gen.h (.txt), and "html" and
 * "docx", the whole report as the library's own writers lay it out
 * (xxgk_render XXGK_OUT_REPORT_HTML, xxgk_render_docx). PDF is made from
 * the DOCX files by bench/run, through LibreOffice where it is installed.
 */
#include "gen.h"
#include "synth.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The text renditions of gen.h, then the library's HTML and DOCX. */
enum { R_HTML = GEN_N_RENDITIONS, R_DOCX, N_RENDITIONS };

static const char *rname(int r) {
  return r == R_HTML ? "html" : r == R_DOCX ? "docx" : gen_name(r);
}

static const char *rext(int r) {
  return r == R_HTML ? "html" : r == R_DOCX ? "docx" : "txt";
}

/* Report d in rendition r: returns bytes the caller frees with free() and
 * sets *n, or returns NULL when the writer failed. */
static char *render(const xxgk_doc *d, int r, size_t *n) {
  char *lib = NULL;
  if (r < GEN_N_RENDITIONS)
    return gen_report(d, (gen_rendition)r, n);
  if (r == R_HTML) {
    lib = xxgk_render(d, XXGK_OUT_REPORT_HTML);
    *n = lib ? strlen(lib) : 0;
  } else if (xxgk_render_docx(d, &lib, n) != XXGK_OK) {
    lib = NULL;
  }
  char *out = lib ? malloc(*n ? *n : 1) : NULL;
  if (out)
    memcpy(out, lib, *n);
  xxgk_free(lib);
  return out;
}

static void usage(FILE *f) {
  fputs("usage: bench_gen [-n N] [-s SEED] [-f 2019|2021|mix] [-b PERCENT]\n"
        "                 [-r NAME,NAME...|all|text] [-x] [-j] DIR\n"
        "       bench_gen [options] -o FILE [-i INDEX]\n"
        "  -n N        reports (default 1000)\n"
        "  -s SEED     corpus seed (default 1)\n"
        "  -f FORMAT   2019, 2021 or mix (default mix: a quarter 2019)\n"
        "  -b PERCENT  share with one inconsistent cell (default 10)\n"
        "  -r NAMES    renditions (default all; text: the .txt ones):",
        f);
  for (int r = 0; r < N_RENDITIONS; r++)
    fprintf(f, " %s", rname(r));
  fputs("\n  -x          each report once, renditions in turn, in DIR/mixed\n"
        "  -j          also write DIR/json/NNNNNN.json, the data generated\n"
        "  -o FILE     write report INDEX (-i, default 0) alone to FILE\n",
        f);
}

/* Parses "tsv,cells", "text" or "all" into a mask; 0 on an unknown name. */
static unsigned renditions(const char *s) {
  if (strcmp(s, "all") == 0)
    return (1u << N_RENDITIONS) - 1;
  if (strcmp(s, "text") == 0)
    return (1u << GEN_N_RENDITIONS) - 1;
  unsigned mask = 0;
  while (*s) {
    size_t k = strcspn(s, ",");
    int found = 0;
    for (int r = 0; r < N_RENDITIONS; r++)
      if (strlen(rname(r)) == k && strncmp(s, rname(r), k) == 0) {
        mask |= 1u << r;
        found = 1;
      }
    if (!found)
      return 0;
    s += k + (s[k] == ',');
  }
  return mask;
}

static int make_dir(const char *path) {
  if (mkdir(path, 0777) == 0 || errno == EEXIST)
    return 0;
  fprintf(stderr, "bench_gen: %s: %s\n", path, strerror(errno));
  return -1;
}

static int write_file(const char *path, const char *data, size_t n) {
  FILE *f = strcmp(path, "-") == 0 ? stdout : fopen(path, "wb");
  if (!f || fwrite(data, 1, n, f) != n || (f != stdout && fclose(f) != 0)) {
    fprintf(stderr, "bench_gen: %s: %s\n", path, strerror(errno));
    return -1;
  }
  return 0;
}

/* Writes report d (index i) in rendition r into DIR/sub/NNNNNN.ext. */
static int write_report(const char *dir, const char *sub, long i,
                        const xxgk_doc *d, int r) {
  char path[4096];
  size_t len;
  char *text = render(d, r, &len);
  if (!text) {
    fprintf(stderr, "bench_gen: report %ld: no %s rendition\n", i, rname(r));
    return -1;
  }
  snprintf(path, sizeof path, "%s/%s/%06ld.%s", dir, sub, i, rext(r));
  int st = write_file(path, text, len);
  free(text);
  return st;
}

int main(int argc, char **argv) {
  synth_opts o = {1, XXGK_FORMAT_ANY, 10};
  long n = 1000, index = 0;
  unsigned mask = renditions("all");
  int json = 0, mixed = 0, opt;
  const char *one = NULL;
  while ((opt = getopt(argc, argv, "n:s:f:b:r:xjo:i:h")) != -1) {
    switch (opt) {
    case 'n':
      n = strtol(optarg, NULL, 10);
      break;
    case 's':
      o.seed = strtoull(optarg, NULL, 10);
      break;
    case 'f':
      o.format = strcmp(optarg, "2019") == 0   ? XXGK_FORMAT_2019
                 : strcmp(optarg, "2021") == 0 ? XXGK_FORMAT_2021
                 : strcmp(optarg, "mix") == 0  ? XXGK_FORMAT_ANY
                                               : XXGK_FORMAT_NONE;
      break;
    case 'b':
      o.bad_percent = atoi(optarg);
      break;
    case 'r':
      mask = renditions(optarg);
      break;
    case 'x':
      mixed = 1;
      break;
    case 'j':
      json = 1;
      break;
    case 'o':
      one = optarg;
      break;
    case 'i':
      index = strtol(optarg, NULL, 10);
      break;
    case 'h':
      usage(stdout);
      return 0;
    default:
      usage(stderr);
      return 2;
    }
  }
  if (o.format == XXGK_FORMAT_NONE || !mask || n < 0 || index < 0 ||
      o.bad_percent < 0 || o.bad_percent > 100 || (!one && optind != argc - 1)) {
    usage(stderr);
    return 2;
  }
  int chosen[N_RENDITIONS], n_chosen = 0;
  for (int r = 0; r < N_RENDITIONS; r++)
    if (mask & (1u << r))
      chosen[n_chosen++] = r;

  synth_mutation m;
  if (one) {
    xxgk_doc *d = synth_doc(&o, (uint64_t)index, &m);
    size_t len;
    char *text = render(d, chosen[0], &len);
    int bad = !text || write_file(one, text, len) != 0;
    free(text);
    xxgk_doc_free(d);
    return bad ? 1 : 0;
  }

  const char *dir = argv[optind];
  char path[4096];
  if (make_dir(dir) != 0)
    return 1;
  for (int k = 0; k < (mixed ? 1 : n_chosen); k++) {
    snprintf(path, sizeof path, "%s/%s", dir,
             mixed ? "mixed" : rname(chosen[k]));
    if (make_dir(path) != 0)
      return 1;
  }
  snprintf(path, sizeof path, "%s/json", dir);
  if (json && make_dir(path) != 0)
    return 1;
  snprintf(path, sizeof path, "%s/manifest.tsv", dir);
  FILE *man = fopen(path, "w");
  if (!man) {
    fprintf(stderr, "bench_gen: %s: %s\n", path, strerror(errno));
    return 1;
  }
  fputs("report\tformat\tyear\tagency\tkey\tprinted\twas\trules\n", man);
  int status = 0;
  for (long i = 0; i < n && status == 0; i++) {
    xxgk_doc *d = synth_doc(&o, (uint64_t)i, &m);
    fprintf(man, "%06ld\t%s\t%d\t%s\t%s\t%lld\t%lld\t%s\n", i,
            xxgk_format_name(xxgk_doc_format(d)), xxgk_doc_year(d),
            xxgk_doc_agency(d), m.row < 0 ? "-" : m.key, (long long)m.now,
            (long long)m.was, m.row < 0 ? "-" : m.rules);
    if (mixed)
      status = write_report(dir, "mixed", i, d, chosen[i % n_chosen]);
    for (int k = 0; !mixed && k < n_chosen && status == 0; k++)
      status = write_report(dir, rname(chosen[k]), i, d, chosen[k]);
    if (json && status == 0) {
      char *js = xxgk_render(d, XXGK_OUT_JSON);
      snprintf(path, sizeof path, "%s/json/%06ld.json", dir, i);
      status = write_file(path, js, strlen(js));
      xxgk_free(js);
    }
    xxgk_doc_free(d);
  }
  if (fclose(man) != 0)
    status = 1;
  return status ? 1 : 0;
}
