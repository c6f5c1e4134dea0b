/*
 * reg_notice.c — xxgk_reg_notice: the documents an office sends (受理回执,
 * 补正告知书, 延期答复告知书, 征求意见函, 收费通知书, 答复书), their fields
 * read from the register and written through a template
 * (lib/render/render_notice.c). The fields each document offers are
 * listed in docs/documents.md; the legal basis and wording of a reply come
 * from the outcome's row of reg_basis.c's table.
 */
#include "reg.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

extern const char xxgk_tpl_receipt[], xxgk_tpl_correction[],
    xxgk_tpl_extension[], xxgk_tpl_consult[], xxgk_tpl_fee[], xxgk_tpl_reply[];

static const struct {
  const char *key, *label, *tpl;
  xxgk_event_kind ev; /* the step it answers (XXGK_N_EVENTS: the receipt) */
} NOTICES[XXGK_N_NOTICES] = {
    {"receipt", "受理回执", xxgk_tpl_receipt, XXGK_N_EVENTS},
    {"correction", "补正告知书", xxgk_tpl_correction,
     XXGK_EV_CORRECTION_REQUESTED},
    {"extension", "延期答复告知书", xxgk_tpl_extension, XXGK_EV_EXTENDED},
    {"consult", "征求意见函", xxgk_tpl_consult, XXGK_EV_CONSULT_STARTED},
    {"fee", "收费通知书", xxgk_tpl_fee, XXGK_EV_FEE_NOTICE},
    {"reply", "答复书", xxgk_tpl_reply, XXGK_EV_REPLY},
};

/* The applicant's remedies, the same for every reply: 行政复议法 art. 20
 * (60 days), 行政诉讼法 art. 46 (6 months). */
static const char REMEDIES[] =
    "如对本答复不服，可以自收到本答复之日起六十日内依法申请行政复议，或者"
    "自收到本答复之日起六个月内依法向人民法院提起行政诉讼。";

/* Templates are small; a larger file is a wrong file. */
#define MAX_TEMPLATE (256 * 1024)

const char *xxgk_notice_key(xxgk_notice k) {
  return (unsigned)k < XXGK_N_NOTICES ? NOTICES[k].key : NULL;
}

const char *xxgk_notice_label(xxgk_notice k) {
  return (unsigned)k < XXGK_N_NOTICES ? NOTICES[k].label : NULL;
}

int xxgk_notice_find(const char *key) {
  for (int i = 0; key && i < XXGK_N_NOTICES; i++)
    if (strcmp(NOTICES[i].key, key) == 0)
      return i;
  return -1;
}

const char *xxgk_notice_template(xxgk_notice k) {
  return (unsigned)k < XXGK_N_NOTICES ? NOTICES[k].tpl : NULL;
}

/* What a document is written from, copied out of the register. */
struct facts {
  int64_t event_id; /* the step's event, 0 for the receipt */
  char *tracking, *agency, *name, *channel, *content, *delivery;
  char received[11];
  char *note, *outcome, *basis, *until, *date;
  xxgk_event_kind kind;
  xxgk_fee_method method;
  int64_t quantity, amount;
  xxgk_due due; /* as of the document's step */
};

static char *dup(const char *s) { return s ? xxgk_strdup(s) : NULL; }

static void facts_free(struct facts *f) {
  char *v[] = {f->tracking, f->agency, f->name,    f->channel, f->content,
               f->delivery, f->note,   f->outcome, f->basis,   f->until,
               f->date};
  for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
    free(v[i]);
}

static int take_case(void *ctx, const xxgk_case_row *row) {
  struct facts *f = ctx;
  f->tracking = dup(row->c.tracking);
  f->agency = dup(row->agency);
  f->name = dup(row->c.name);
  f->channel = dup(row->c.channel);
  f->content = dup(row->c.content);
  f->delivery = dup(row->c.delivery);
  snprintf(f->received, sizeof f->received, "%s", row->c.received);
  return 0;
}

static int take_event(void *ctx, const xxgk_event *e) {
  struct facts *f = ctx;
  if (e->id != f->event_id)
    return 0;
  f->kind = e->kind;
  f->note = dup(e->note);
  f->outcome = dup(e->outcome);
  f->basis = dup(e->basis);
  f->until = dup(e->until);
  f->date = dup(e->date);
  f->method = e->method;
  f->quantity = e->quantity;
  f->amount = e->amount;
  return 0;
}

/* The step's event (the latest not voided; the reply's also a lapsed
 * fee) and the deadline as it stood with it. */
static xxgk_status find_step(xxgk_reg *r, int64_t id, xxgk_notice k,
                             struct facts *f) {
  struct ev_list l;
  xxgk_status st = reg_begin(r, 0);
  if (st == XXGK_OK)
    st = reg_load_events(r, id, &l);
  if (st != XXGK_OK)
    return reg_end(r, st);
  int at = -1;
  for (int i = 0; i < l.n; i++)
    if (l.v[i].kind == NOTICES[k].ev ||
        (k == XXGK_NOTICE_REPLY && l.v[i].kind == XXGK_EV_FEE_LAPSED))
      at = i;
  if (NOTICES[k].ev != XXGK_N_EVENTS && at < 0) {
    st = reg_fail(r, XXGK_E_REFUSED,
                  "申请 %lld 没有“%s”记录，不能写%s；请先用 xxgk case %s "
                  "登记",
                  (long long)id,
                  xxgk_event_label(k == XXGK_NOTICE_REPLY ? XXGK_EV_REPLY
                                                          : NOTICES[k].ev),
                  NOTICES[k].label, k == XXGK_NOTICE_REPLY ? "reply" : "event");
  } else {
    f->event_id = at >= 0 ? l.v[at].id : 0;
    /* the deadline with the events up to the step: the receipt's is the
     * first one, an extension's the extended one */
    xxgk_date on = at >= 0 ? l.v[at].date : l.received;
    int all = l.n;
    l.n = at + 1;
    st = reg_compute_due(r, &l, on, &f->due);
    l.n = all; /* the later events are freed with the rest */
  }
  ev_list_free(&l);
  return reg_end(r, st);
}

/* "2024年9月20日" (GB/T 9704: the date in Arabic numerals) from
 * "2024-09-20"; "" for NULL. */
static void cn_date(const char *iso, char out[32]) {
  int y, m, d;
  out[0] = 0;
  if (iso && sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) == 3)
    snprintf(out, 32, "%d年%d月%d日", y, m, d);
}

/* Reads the office's template for k from the folder, if it has one:
 * *text (free()) or NULL. XXGK_E_REFUSED for a folder that does not
 * exist or a file that cannot be read. */
static xxgk_status office_template(xxgk_reg *r, const char *dir,
                                   xxgk_notice k, char **text, size_t *n) {
  *text = NULL;
  struct stat sb;
  if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
    return reg_fail(r, XXGK_E_REFUSED, "模板文件夹“%s”不存在", dir);
  char path[4096];
  snprintf(path, sizeof path, "%s/%s.txt", dir, NOTICES[k].key);
  FILE *fp = fopen(path, "rb");
  if (!fp)
    return errno == ENOENT
               ? XXGK_OK
               : reg_fail(r, XXGK_E_REFUSED, "模板“%s”无法读取：%s", path,
                          strerror(errno));
  char *s = xxgk_malloc(MAX_TEMPLATE + 1);
  *n = fread(s, 1, MAX_TEMPLATE + 1, fp);
  int bad = ferror(fp);
  fclose(fp);
  if (bad || *n > MAX_TEMPLATE) {
    free(s);
    return reg_fail(r, XXGK_E_REFUSED, "模板“%s”%s", path,
                    bad ? "无法读取" : "太大（至多 256 KiB）");
  }
  s[*n] = 0;
  *text = s;
  return XXGK_OK;
}

xxgk_status xxgk_reg_notice(xxgk_reg *r, int64_t case_id, xxgk_notice k,
                            const char *templates, unsigned flags, char **out,
                            size_t *n) {
  *out = NULL;
  *n = 0;
  if ((unsigned)k >= XXGK_N_NOTICES)
    return reg_fail(r, XXGK_E_REFUSED, "没有这种文书");
  struct facts f;
  memset(&f, 0, sizeof f);
  xxgk_status st = find_step(r, case_id, k, &f);
  if (st == XXGK_OK)
    st = xxgk_reg_case_get(r, case_id, take_case, take_event, &f);
  char *own = NULL;
  size_t own_n = 0;
  if (st == XXGK_OK && templates)
    st = office_template(r, templates, k, &own, &own_n);
  if (st != XXGK_OK) {
    facts_free(&f);
    return st;
  }

  char received[32], date[32], due[32], until[32], consult[32];
  char days[16], amount[32], method[96];
  cn_date(f.received, received);
  cn_date(k == XXGK_NOTICE_RECEIPT ? f.received : f.date, date);
  cn_date(f.due.due[0] ? f.due.due : NULL, due);
  cn_date(f.until, until);
  xxgk_date rec = 0, d, end = 0;
  xxgk_date_parse(f.received, &rec);
  /* 20 working days, and 20 more on extension (15 under the 2007 条例) */
  snprintf(days, sizeof days, "%d", reg_limit(rec));
  /* arts. 32, 34: 15 working days, counted here from the letter's date */
  consult[0] = 0;
  if (f.date && xxgk_date_parse(f.date, &d) == 0 &&
      xxgk_cal_add_workdays(r->cal, d, 15, &end) == XXGK_OK) {
    char iso[11];
    xxgk_date_format(end, iso);
    cn_date(iso, consult);
  }
  snprintf(amount, sizeof amount, "%lld", (long long)f.amount);
  snprintf(method, sizeof method, "%s%lld%s",
           f.method == XXGK_FEE_BY_PAGE ? "按量计收，提供 " : "按件计收，计 ",
           (long long)f.quantity, f.method == XXGK_FEE_BY_PAGE ? " 页" : " 件");
  const char *outcome = f.kind == XXGK_EV_FEE_LAPSED ? "other_unpaid_fee"
                                                     : f.outcome;
  const char *article = "", *wording = "";
  xxgk_outcome_law(outcome, &article, &wording);
  const xxgk_row_def *row = xxgk_dict_row(reg_outcome_row(outcome));
  char result[300];
  snprintf(result, sizeof result, "%s%s", row && row->subgroup ? row->subgroup : "",
           row ? row->label : "");

  struct notice_field fields[32];
  int nf = 0;
#define FIELD(name, value) fields[nf++] = (struct notice_field){name, value}
  FIELD("机关名称", f.agency);
  FIELD("受理编号", f.tracking);
  FIELD("申请人", f.name);
  FIELD("申请方式", f.channel);
  FIELD("收到日期", received);
  FIELD("申请内容", f.content);
  FIELD("获取方式", f.delivery);
  FIELD("成文日期", date);
  switch (k) {
  case XXGK_NOTICE_RECEIPT:
  case XXGK_NOTICE_EXTENSION:
    FIELD("答复期限", due);
    FIELD("答复工作日", days);
    FIELD("暂定说明", f.due.provisional ? f.due.note : NULL);
    break;
  case XXGK_NOTICE_CORRECTION:
    FIELD("补正期限", until);
    break;
  case XXGK_NOTICE_CONSULT:
    FIELD("征求意见期限", consult);
    FIELD("征求对象", f.note);
    FIELD("暂定说明", end && xxgk_cal_provisional(r->cal, xxgk_date_year(end))
                          ? "暂定：期限所在年度的放假安排尚未公布，按《全国年节"
                            "及纪念日放假办法》推算"
                          : NULL);
    break;
  case XXGK_NOTICE_FEE:
    FIELD("收费金额", amount);
    FIELD("计费方式", method);
    break;
  default:
    FIELD("答复结果", result);
    FIELD("答复内容", wording);
    FIELD("法律依据", article);
    FIELD("登记依据", f.basis);
    FIELD("救济途径", REMEDIES);
    break;
  }
  if (k != XXGK_NOTICE_RECEIPT)
    FIELD("说明", f.note);
#undef FIELD
  char name[64], err[512];
  snprintf(name, sizeof name, "%s.txt", NOTICES[k].key);
  const char *tpl = own ? own : NOTICES[k].tpl;
  st = notice_render(tpl, own ? own_n : strlen(tpl), name, fields, nf,
                     (flags & XXGK_NOTICE_DOCX) != 0, out, n, err, sizeof err);
  if (st != XXGK_OK)
    reg_fail(r, st, "%s", err);
  free(own);
  facts_free(&f);
  return st;
}
