/*
 * cmd_case.c — `xxgk case new|event|reply|show|list|due|edit|void|late|doc|
 * assign|queue|attach|files|file|void-file|deliver|void-delivery`: the
 * clerk's daily work on applications, corrections, late replies, the
 * documents sent, who answers for which (承办人) with the work queue by
 * deadline, and the files and deliveries kept with an application
 * (cmd_case_files). Lists mask the applicant's personal data; `show` of
 * a single application prints it in full.
 */
#include "reg_cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd_case.h"

static const char *cat_label(const char *key) {
  int row = xxgk_dict_find_row(XXGK_T_APPLICATIONS, "received",
                               XXGK_FORMAT_2021);
  const xxgk_row_def *r = xxgk_dict_row(row);
  for (int c = 0; key && r && c < r->n_cols; c++)
    if (strcmp(r->cols[c].key, key) == 0)
      return r->cols[c].label;
  return key ? key : "";
}

static const char *outcome_label(const char *key) {
  int row = key ? xxgk_dict_find_row(XXGK_T_APPLICATIONS, key,
                                     XXGK_FORMAT_2021)
                : -1;
  return row >= 0 ? xxgk_dict_row(row)->label : "";
}

static const char *state_name(xxgk_due_state s) {
  return s == XXGK_DUE_RUNNING  ? "办理中"
         : s == XXGK_DUE_PAUSED ? "暂停计时"
         : s == XXGK_DUE_CLOSED ? "已办结"
                                : "期限不明";
}

/* The stored row of one application, copied out of the callback. */
struct one {
  char tracking[64], agency[256], received[11], final_date[11];
  char final_kind[32], outcome[64];
};

static void cpy(char *dst, size_t cap, const char *s) {
  snprintf(dst, cap, "%s", s ? s : "");
}

static int keep_row(void *ctx, const xxgk_case_row *row) {
  struct one *o = ctx;
  cpy(o->tracking, sizeof o->tracking, row->c.tracking);
  cpy(o->agency, sizeof o->agency, row->agency);
  cpy(o->received, sizeof o->received, row->c.received);
  cpy(o->final_date, sizeof o->final_date, row->final_date);
  cpy(o->final_kind, sizeof o->final_kind, row->final_kind);
  cpy(o->outcome, sizeof o->outcome, row->outcome);
  return 0;
}

static void print_due_json(const xxgk_due *d) {
  printf("{\"state\": \"%s\", \"due\": ",
         d->state == XXGK_DUE_RUNNING  ? "running"
         : d->state == XXGK_DUE_PAUSED ? "paused"
         : d->state == XXGK_DUE_CLOSED ? "closed"
                                       : "unknown");
  cli_json_str(stdout, d->due[0] ? d->due : NULL);
  printf(", \"limit\": %d, \"used\": %d, \"left\": %d, \"why\": ", d->limit,
         d->used, d->left);
  cli_json_str(stdout, d->why);
  if (d->provisional) {
    printf(", \"provisional\": %d, \"provisional_note\": ", d->provisional);
    cli_json_str(stdout, d->note);
  }
  if (d->pause_until[0]) {
    printf(", \"pause_until\": \"%s\", \"remind\": ", d->pause_until);
    cli_json_str(stdout, d->remind[0] ? d->remind : NULL);
  }
  if (d->counted_from[0])
    cli_json_field(stdout, "counted_from", d->counted_from);
  fputs("}", stdout);
}

/* After a deadline's line: the 暂定 sentence, when it is one. */
static void print_provisional(const xxgk_due *d, const char *indent) {
  if (d->provisional)
    printf("%s%s\n", indent, d->note);
}

/* The application as the options describe it (new, edit). */
static xxgk_case case_of(const struct args *a) {
  return (xxgk_case){.channel = a->channel,
                     .received = a->received,
                     .category = a->category,
                     .name = a->name,
                     .id_number = a->id_number,
                     .contact = a->contact,
                     .content = a->content,
                     .delivery = a->delivery,
                     .agency_id = a->agency};
}

static int do_new(xxgk_reg *r, struct args *a, xxgk_date today) {
  xxgk_case c = case_of(a);
  c.tracking = a->tracking;
  if (!c.agency_id)
    return cli_usage_error(&cli_cmd_case, "请给出 --agency（机关编号）");
  if (xxgk_reg_case_new(r, &c) != XXGK_OK)
    return cli_reg_fail(r, "case");
  cli_reg_warn(r, "case");
  struct one o;
  xxgk_due d;
  xxgk_date rec;
  xxgk_date_parse(a->received, &rec);
  if (xxgk_reg_case_get(r, c.id, keep_row, NULL, &o) != XXGK_OK ||
      xxgk_reg_case_due(r, c.id, today > rec ? today : rec, &d) != XXGK_OK)
    return cli_reg_fail(r, "case");
  if (a->o.json) {
    printf("{\"id\": %lld, \"tracking\": ", (long long)c.id);
    cli_json_str(stdout, o.tracking);
    fputs(", \"deadline\": ", stdout);
    print_due_json(&d);
    fputs("}\n", stdout);
  } else {
    printf("已登记申请 %s（编号 %lld），", o.tracking, (long long)c.id);
    if (d.state == XXGK_DUE_RUNNING)
      printf("答复期限 %s%s（%s）\n", d.due, d.provisional ? "（暂定）" : "",
             d.why);
    else
      printf("%s\n", d.why);
    print_provisional(&d, "");
  }
  return 0;
}

static int do_event(xxgk_reg *r, struct args *a, int64_t id, const char *which,
                    const char *kind) {
  int k = xxgk_event_find(kind);
  if (k < 0 || k == XXGK_EV_REPLY) {
    fprintf(stderr, "xxgk case: 未知的事件“%s”%s\n", kind ? kind : "",
            k == XXGK_EV_REPLY ? "；答复请用 xxgk case reply" : "");
    return EXIT_UNREADABLE;
  }
  xxgk_event e = {.case_id = id, .kind = (xxgk_event_kind)k,
                  .date = a->date, .note = a->note, .until = a->until};
  if (k == XXGK_EV_FEE_NOTICE) {
    if (a->pages && a->by_piece) {
      fprintf(stderr, "xxgk case: 按件（--by-piece）和按量（--pages）只能选一"
                      "（109号文第三条）\n");
      return EXIT_UNREADABLE;
    }
    if (a->pages) {
      e.method = XXGK_FEE_BY_PAGE;
      e.quantity = a->pages;
    } else if (a->by_piece) {
      e.method = XXGK_FEE_BY_PIECE;
      e.quantity = a->pieces;
    }
  }
  if (xxgk_reg_event_add(r, &e) != XXGK_OK)
    return cli_reg_fail(r, "case");
  cli_reg_warn(r, "case");
  if (a->o.json) {
    printf("{\"id\": %lld, \"case\": %lld, \"kind\": \"%s\", \"amount\": %lld}\n",
           (long long)e.id, (long long)id, xxgk_event_key(e.kind),
           (long long)e.amount);
  } else {
    printf("已登记 %s：%s %s", which, xxgk_event_label(e.kind), e.date);
    if (k == XXGK_EV_FEE_NOTICE)
      printf("，应收信息处理费 %lld 元（%s %lld %s）", (long long)e.amount,
             e.method == XXGK_FEE_BY_PAGE ? "按量" : "按件",
             (long long)e.quantity, e.method == XXGK_FEE_BY_PAGE ? "页" : "件");
    putchar('\n');
  }
  return 0;
}

static int do_reply(xxgk_reg *r, struct args *a, int64_t id,
                    const char *which) {
  xxgk_event e = {.case_id = id, .kind = XXGK_EV_REPLY, .date = a->date,
                  .outcome = a->outcome, .basis = a->basis, .note = a->note};
  if (xxgk_reg_event_add(r, &e) != XXGK_OK)
    return cli_reg_fail(r, "case");
  cli_reg_warn(r, "case");
  if (a->o.json)
    printf("{\"id\": %lld, \"case\": %lld, \"kind\": \"reply\", \"late\": %s}\n",
           (long long)e.id, (long long)id, e.late ? "true" : "false");
  else
    printf("已登记 %s 的答复：%s，%s\n", which, outcome_label(a->outcome),
           a->date);
  return 0;
}

static int do_edit(xxgk_reg *r, struct args *a, int64_t id) {
  xxgk_case c = case_of(a);
  c.id = id;
  if (xxgk_reg_case_edit(r, &c, a->reason) != XXGK_OK)
    return cli_reg_fail(r, "case");
  printf(a->o.json ? "{\"id\": %lld, \"edited\": true}\n"
                   : "已更正申请 %lld，更正前的内容和理由已记入审计日志\n",
         (long long)c.id);
  return 0;
}

static int do_void(xxgk_reg *r, struct args *a, const char *which) {
  int64_t id = cli_id(which, "办理记录编号（case show 中的 [记录 N]）", "case");
  if (!id)
    return EXIT_UNREADABLE;
  if (xxgk_reg_event_void(r, id, a->reason) != XXGK_OK)
    return cli_reg_fail(r, "case");
  printf(a->o.json ? "{\"event\": %lld, \"voided\": true}\n"
                   : "已作废办理记录 %lld（保留在登记簿和审计日志中）\n",
         (long long)id);
  return 0;
}

struct late_out {
  int json, n;
};

static int late_row(void *ctx, const char *agency, int64_t replies,
                    int64_t late) {
  struct late_out *o = ctx;
  if (o->json) {
    printf("%s{\"agency\": ", o->n ? ",\n " : "");
    cli_json_str(stdout, agency);
    printf(", \"replies\": %lld, \"late\": %lld}", (long long)replies,
           (long long)late);
  } else {
    printf("%-24s 答复 %5lld 件  逾期答复 %5lld 件\n", agency,
           (long long)replies, (long long)late);
  }
  o->n++;
  return 0;
}

static int do_late(xxgk_reg *r, struct args *a, xxgk_date today) {
  int year = a->year ? a->year : xxgk_date_year(today);
  struct late_out o = {a->o.json, 0};
  if (o.json)
    fputs("[", stdout);
  xxgk_status st = xxgk_reg_late_replies(r, a->agency, year, late_row, &o);
  if (o.json)
    puts("]");
  else if (st == XXGK_OK && !o.n)
    printf("%d 年没有答复记录\n", year);
  return st == XXGK_OK ? 0 : cli_reg_fail(r, "case");
}

/* ## show */

struct show {
  int json, n_events;
};

static int show_case(void *ctx, const xxgk_case_row *row) {
  struct show *s = ctx;
  const xxgk_case *c = &row->c;
  if (s->json) {
    printf("{\"id\": %lld, \"tracking\": ", (long long)c->id);
    cli_json_str(stdout, c->tracking);
    printf(", \"agency_id\": %lld, \"agency\": ", (long long)c->agency_id);
    cli_json_str(stdout, row->agency);
    const char *k[] = {"channel", "received", "category", "name", "id_number",
                       "contact", "content", "delivery"};
    const char *v[] = {c->channel, c->received, c->category, c->name,
                       c->id_number, c->contact, c->content, c->delivery};
    for (int i = 0; i < 8; i++) {
      printf(", \"%s\": ", k[i]);
      cli_json_str(stdout, v[i]);
    }
    cli_json_field(stdout, "clerk", row->clerk);
    fputs(", \"events\": [", stdout);
    return 0;
  }
  printf("受理编号  %s（编号 %lld）\n", c->tracking, (long long)c->id);
  printf("机关      %s\n", row->agency);
  printf("收到日期  %s（%s）\n", c->received, c->channel);
  printf("申请人    %s（%s）\n", c->name, cat_label(c->category));
  if (c->id_number)
    printf("证件号码  %s\n", c->id_number);
  if (c->contact)
    printf("联系方式  %s\n", c->contact);
  printf("申请内容  %s\n", c->content);
  if (c->delivery)
    printf("获取方式  %s\n", c->delivery);
  printf("承办人    %s\n", row->clerk ? row->clerk : "（未指定）");
  puts("办理记录:");
  return 0;
}

static int show_event(void *ctx, const xxgk_event *e) {
  struct show *s = ctx;
  if (s->json) {
    printf("%s{\"id\": %lld, \"kind\": \"%s\", \"date\": \"%s\", \"outcome\": ",
           s->n_events ? ", " : "", (long long)e->id, xxgk_event_key(e->kind),
           e->date);
    cli_json_str(stdout, e->outcome);
    cli_json_field(stdout, "basis", e->basis);
    cli_json_field(stdout, "note", e->note);
    printf(", \"amount\": %lld, \"until\": ", (long long)e->amount);
    cli_json_str(stdout, e->until);
    cli_json_field(stdout, "warning", e->warning);
    printf(", \"late\": %s, \"voided\": ", e->late ? "true" : "false");
    cli_json_str(stdout, e->voided);
    fputs("}", stdout);
  } else {
    printf("  %s  %s", e->date, xxgk_event_label(e->kind));
    if (e->voided)
      printf("（已作废：%s）", e->voided);
    if (e->late)
      fputs("（逾期答复）", stdout);
    if (e->until)
      printf("（期限 %s）", e->until);
    if (e->outcome)
      printf("：%s", outcome_label(e->outcome));
    if (e->basis)
      printf("（%s）", e->basis);
    if (e->kind == XXGK_EV_FEE_NOTICE || e->kind == XXGK_EV_FEE_PAID)
      printf("  %lld 元", (long long)e->amount);
    if (e->note)
      printf("  %s", e->note);
    printf("  [记录 %lld]\n", (long long)e->id);
    if (e->warning)
      printf("      注意：%s\n", e->warning);
  }
  s->n_events++;
  return 0;
}

static int do_show(xxgk_reg *r, struct args *a, int64_t id, xxgk_date today) {
  struct show s = {a->o.json, 0};
  if (xxgk_reg_case_get(r, id, show_case, show_event, &s) != XXGK_OK)
    return cli_reg_fail(r, "case");
  xxgk_due d;
  if (xxgk_reg_case_due(r, id, today, &d) != XXGK_OK)
    return cli_reg_fail(r, "case");
  if (s.json) {
    fputs("], \"deadline\": ", stdout);
    print_due_json(&d);
    fputs("}\n", stdout);
    return 0;
  }
  if (!s.n_events)
    puts("  （无）");
  printf("期限      %s", state_name(d.state));
  if (d.due[0])
    printf("，答复期限 %s%s", d.due, d.provisional ? "（暂定）" : "");
  printf("（%s）\n", d.why);
  print_provisional(&d, "          ");
  if (d.pause_until[0])
    printf("          所等待的步骤期限至 %s%s%s\n", d.pause_until,
           d.remind[0] ? "：" : "", d.remind);
  if (d.counted_from[0])
    printf("          %s\n", d.counted_from);
  return 0;
}

/* ## list and due */

struct listing {
  xxgk_reg *r;
  int json, n;
  /* due: the open applications' ids (int64_t), collected first */
  xxgk_buf ids;
};

static int list_row(void *ctx, const xxgk_case_row *row) {
  struct listing *l = ctx;
  char name[128], idn[64];
  xxgk_mask(row->c.name, name, sizeof name);
  xxgk_mask(row->c.id_number, idn, sizeof idn);
  if (l->json) {
    printf("%s{\"id\": %lld, \"tracking\": ", l->n ? ",\n " : "",
           (long long)row->c.id);
    cli_json_str(stdout, row->c.tracking);
    printf(", \"agency_id\": %lld, \"received\": \"%s\", \"channel\": ",
           (long long)row->c.agency_id, row->c.received);
    cli_json_str(stdout, row->c.channel);
    printf(", \"category\": \"%s\", \"name\": ", row->c.category);
    cli_json_str(stdout, name);
    cli_json_field(stdout, "id_number", row->c.id_number ? idn : NULL);
    cli_json_field(stdout, "final", row->final_kind);
    cli_json_field(stdout, "final_date", row->final_date);
    cli_json_field(stdout, "outcome", row->outcome);
    /* only when assigned: a register from before clerks lists as it did */
    if (row->clerk) {
      cli_json_field(stdout, "clerk", row->clerk);
    }
    fputs("}", stdout);
  } else {
    printf("%-11s %s  %-6s %-10s %s", row->c.tracking, row->c.received,
           row->c.channel, name, cat_label(row->c.category));
    if (row->final_kind)
      printf("  %s %s%s%s", row->final_date,
             xxgk_event_label(xxgk_event_find(row->final_kind)),
             row->outcome ? "：" : "", outcome_label(row->outcome));
    else
      fputs("  办理中", stdout);
    if (row->clerk)
      printf("  承办人 %s", row->clerk);
    putchar('\n');
  }
  l->n++;
  return 0;
}

static int collect_id(void *ctx, const xxgk_case_row *row) {
  struct listing *l = ctx;
  xxgk_buf_put(&l->ids, &row->c.id, sizeof row->c.id);
  return 0;
}

static void filter(const struct args *a, xxgk_case_filter *f) {
  memset(f, 0, sizeof *f);
  f->agency_id = a->agency;
  f->open_only = a->open;
  f->from = a->from;
  f->to = a->to;
}

static int do_list(xxgk_reg *r, struct args *a) {
  xxgk_case_filter f;
  filter(a, &f);
  struct listing l = {r, a->o.json, 0, XXGK_BUF_INIT};
  if (l.json)
    fputs("[", stdout);
  xxgk_status st = xxgk_reg_case_list(r, &f, list_row, &l);
  if (l.json)
    fputs("]\n", stdout);
  return st == XXGK_OK ? 0 : cli_reg_fail(r, "case");
}

static int do_due(xxgk_reg *r, struct args *a, xxgk_date today) {
  xxgk_case_filter f;
  filter(a, &f);
  f.open_only = 1;
  int within = a->within;
  struct listing l = {r, a->o.json, 0, XXGK_BUF_INIT};
  if (xxgk_reg_case_list(r, &f, collect_id, &l) != XXGK_OK) {
    xxgk_buf_free(&l.ids);
    return cli_reg_fail(r, "case");
  }
  const int64_t *ids = (const int64_t *)l.ids.data;
  size_t n_ids = l.ids.len / sizeof *ids;
  int overdue = 0, rc = 0;
  if (l.json)
    fputs("[", stdout);
  for (size_t i = 0; i < n_ids && !rc; i++) {
    xxgk_due d;
    struct one o;
    if (xxgk_reg_case_due(r, ids[i], today, &d) != XXGK_OK ||
        xxgk_reg_case_get(r, ids[i], keep_row, NULL, &o) != XXGK_OK) {
      rc = cli_reg_fail(r, "case");
      break;
    }
    int late = d.state == XXGK_DUE_RUNNING && d.left < 0;
    int soon = d.state == XXGK_DUE_RUNNING && d.left >= 0 && d.left <= within;
    if (!late && !soon && d.state != XXGK_DUE_UNKNOWN && !d.remind[0])
      continue;
    overdue += late;
    if (l.json) {
      printf("%s{\"id\": %lld, \"tracking\": ", l.n ? ",\n " : "",
             (long long)ids[i]);
      cli_json_str(stdout, o.tracking);
      cli_json_field(stdout, "agency", o.agency);
      printf(", \"received\": \"%s\", \"overdue\": %s, \"deadline\": ",
             o.received, late ? "true" : "false");
      print_due_json(&d);
      fputs("}", stdout);
    } else if (d.state != XXGK_DUE_RUNNING) {
      printf("%-11s 收到 %s  %s  %s\n", o.tracking, o.received, o.agency,
             d.why);
      if (d.remind[0])
        printf("%11s 期限 %s 已过：%s\n", "", d.pause_until, d.remind);
    } else {
      printf("%-11s 收到 %s  期限 %s%s  %s  %s\n", o.tracking, o.received,
             d.due, d.provisional ? "（暂定）" : "",
             late ? "已超期" : d.left == 0 ? "今天到期" : "即将到期",
             o.agency);
      if (late)
        printf("%11s 超期 %d 个工作日\n", "", -d.left);
      else if (d.left)
        printf("%11s 还剩 %d 个工作日\n", "", d.left);
      print_provisional(&d, "            ");
    }
    l.n++;
  }
  if (l.json)
    fputs("]\n", stdout);
  else if (!rc && !l.n)
    printf("没有已超期或 %d 个工作日内到期的申请\n", within);
  xxgk_buf_free(&l.ids);
  return rc ? rc : overdue ? EXIT_FINDINGS : 0;
}

/* ## doc: a document of the application, from its template */

static int do_doc(xxgk_reg *r, struct args *a, int64_t id, const char *kind) {
  int k = xxgk_notice_find(kind);
  if (k < 0) {
    fprintf(stderr, "xxgk case: 未知的文书“%s”；应为 receipt（受理回执）、"
                    "correction（补正告知书）、extension（延期答复告知书）、"
                    "consult（征求意见函）、fee（收费通知书）或 reply（答复书）\n",
            kind ? kind : "");
    return EXIT_UNREADABLE;
  }
  const char *ext = a->path ? strrchr(a->path, '.') : NULL;
  int docx = a->doc_to ? strcmp(a->doc_to, "docx") == 0
                       : ext && strcmp(ext, ".docx") == 0;
  if (docx && !a->path && isatty(STDOUT_FILENO)) {
    fprintf(stderr, "xxgk case: DOCX 是二进制文件，请用 -o FILE 或重定向到"
                    "文件\n");
    return EXIT_UNREADABLE;
  }
  const char *dir = a->templates ? a->templates : getenv("XXGK_TEMPLATES");
  char *bytes;
  size_t n;
  if (xxgk_reg_notice(r, id, (xxgk_notice)k, dir && *dir ? dir : NULL,
                      docx ? XXGK_NOTICE_DOCX : 0, &bytes, &n) != XXGK_OK)
    return cli_reg_fail(r, "case");
  int rc = cli_write(a->path, bytes, n, "case");
  xxgk_free(bytes);
  return rc;
}

/* ## assign and queue: who answers for which, and what is due */

static int do_assign(xxgk_reg *r, struct args *a, int64_t id,
                     const char *which) {
  if (!a->clerk)
    return cli_usage_error(&cli_cmd_case,
                           "请给出 --clerk 姓名（撤销指定：--clerk ''）");
  if (xxgk_reg_case_assign(r, id, a->clerk) != XXGK_OK)
    return cli_reg_fail(r, "case");
  if (a->o.json) {
    printf("{\"id\": %lld, \"clerk\": ", (long long)id);
    cli_json_str(stdout, *a->clerk ? a->clerk : NULL);
    puts("}");
  } else if (*a->clerk) {
    printf("已指定 %s 的承办人：%s\n", which, a->clerk);
  } else {
    printf("已撤销 %s 的承办人\n", which);
  }
  return 0;
}

struct queue_out {
  int json, n;
};

static int queue_row(void *ctx, const xxgk_case_row *row, xxgk_queue_class k) {
  struct queue_out *o = ctx;
  const xxgk_due *d = row->due;
  if (o->json) {
    printf("%s{\"id\": %lld, \"tracking\": ", o->n ? ",\n " : "",
           (long long)row->c.id);
    cli_json_str(stdout, row->c.tracking);
    cli_json_field(stdout, "agency", row->agency);
    printf(", \"received\": \"%s\", \"clerk\": ", row->c.received);
    cli_json_str(stdout, row->clerk);
    printf(", \"class\": \"%s\", \"deadline\": ", xxgk_queue_key(k));
    print_due_json(d);
    fputs("}", stdout);
  } else {
    printf("%-11s %-8s 收到 %s  ", row->c.tracking, xxgk_queue_label(k),
           row->c.received);
    if (d->state == XXGK_DUE_RUNNING)
      printf("期限 %s%s", d->due, d->provisional ? "（暂定）" : "");
    else if (d->pause_until[0])
      printf("暂停至 %s", d->pause_until);
    else
      fputs(d->why, stdout);
    printf("  %s  承办人 %s\n", row->agency, row->clerk ? row->clerk : "—");
    if (d->remind[0])
      printf("%11s %s\n", "", d->remind);
  }
  o->n++;
  return 0;
}

static int do_queue(xxgk_reg *r, struct args *a, xxgk_date today) {
  if (a->clerk && a->unassigned)
    return cli_usage_error(&cli_cmd_case, "--clerk 和 --unassigned 只能选一");
  xxgk_queue_query q = {
      .agency_id = a->agency,
      .clerk = a->unassigned ? "" : a->clerk,
      .classes = a->all ? (1u << XXGK_N_QUEUE) - 1 : 0,
      .order = !a->sort || strcmp(a->sort, "deadline") == 0
                   ? XXGK_QUEUE_BY_DEADLINE
               : strcmp(a->sort, "deadline-desc") == 0
                   ? XXGK_QUEUE_BY_DEADLINE_DESC
                   : XXGK_QUEUE_BY_RECEIPT,
      .today = today};
  if (a->export_to) {
    int xlsx = strcmp(a->export_to, "xlsx") == 0;
    if (xlsx && !a->path && isatty(STDOUT_FILENO)) {
      fprintf(stderr, "xxgk case: XLSX 是二进制文件，请用 -o FILE 或重定向到"
                      "文件\n");
      return EXIT_UNREADABLE;
    }
    char *bytes;
    size_t n;
    if (xxgk_reg_queue_export(r, &q, xlsx ? XXGK_QUEUE_XLSX : XXGK_QUEUE_CSV,
                              &bytes, &n) != XXGK_OK)
      return cli_reg_fail(r, "case");
    int rc = cli_write(a->path, bytes, n, "case");
    xxgk_free(bytes);
    return rc;
  }
  int64_t counts[XXGK_N_QUEUE];
  struct queue_out o = {a->o.json, 0};
  if (o.json)
    fputs("{\"cases\": [", stdout);
  xxgk_status st = xxgk_reg_queue(r, &q, counts, queue_row, &o);
  if (st != XXGK_OK) {
    if (o.json)
      puts("]}");
    return cli_reg_fail(r, "case");
  }
  if (o.json) {
    fputs("], \"counts\": {", stdout);
    for (int k = 0; k < XXGK_N_QUEUE; k++)
      printf("%s\"%s\": %lld", k ? ", " : "",
             xxgk_queue_key((xxgk_queue_class)k), (long long)counts[k]);
    puts("}}");
  } else {
    if (!o.n)
      puts("没有需要处理的申请");
    for (int k = 0; k < XXGK_N_QUEUE; k++)
      printf("%s%s %lld", k ? "  " : "", xxgk_queue_label((xxgk_queue_class)k),
             (long long)counts[k]);
    putchar('\n');
  }
  return counts[XXGK_QUEUE_OVERDUE] ? EXIT_FINDINGS : 0;
}

/* Today before the register is opened: a today that cannot be read is
 * said before anything else. */
static int check(struct cli_call *c) {
  struct args *a = c->args;
  return cli_today(&a->o, &a->today, "case") != 0 ? EXIT_UNREADABLE : -1;
}

static int run(const struct cli_call *c) {
  struct args *a = c->args;
  xxgk_reg *r = c->reg;
  xxgk_date today = a->today;
  const char *which = c->n_pos > 1 ? c->pos[1] : NULL;
  const char *what = c->n_pos > 2 ? c->pos[2] : NULL;
  struct case_file_opts f = {a->o.json, a->event,  a->kind, a->as,
                             a->method, a->number, a->date, a->note,
                             a->reason};
  /* The verbs about one application name it first: by number or
   * tracking number, which must be found before anything else. */
  int64_t id = 0;
  switch (c->verb) {
  case VERB_EVENT:
  case VERB_REPLY:
  case VERB_SHOW:
  case VERB_EDIT:
  case VERB_DOC:
  case VERB_ASSIGN:
    if (!(id = cli_case_id(r, which, "case")))
      return EXIT_UNREADABLE;
  }
  switch (c->verb) {
  case VERB_NEW: return do_new(r, a, today);
  case VERB_EVENT: return do_event(r, a, id, which, what);
  case VERB_REPLY: return do_reply(r, a, id, which);
  case VERB_SHOW: return do_show(r, a, id, today);
  case VERB_LIST: return do_list(r, a);
  case VERB_DUE: return do_due(r, a, today);
  case VERB_EDIT: return do_edit(r, a, id);
  case VERB_VOID: return do_void(r, a, which);
  case VERB_LATE: return do_late(r, a, today);
  case VERB_DOC: return do_doc(r, a, id, what);
  case VERB_ASSIGN: return do_assign(r, a, id, which);
  case VERB_QUEUE: return do_queue(r, a, today);
  case VERB_ATTACH: return case_attach(r, &f, which, what);
  case VERB_FILES: return case_files(r, a->o.json, which);
  case VERB_FILE: return case_file_get(r, which, a->path);
  case VERB_VOID_FILE: return case_file_void(r, &f, which, 0);
  case VERB_DELIVER: return case_deliver(r, &f, which);
  default: return case_file_void(r, &f, which, 1);
  }
}
