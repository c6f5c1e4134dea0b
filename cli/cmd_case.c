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

#define STR_(x) #x
#define STR(x) STR_(x)

struct args {
  struct reg_opts o; /* first: reg_common's offsets */
  const char *received, *channel, *category, *name, *id_number, *contact,
      *content, *delivery, *tracking, *date, *note, *outcome, *basis, *from,
      *to, *until, *reason, *doc_to, *path, *templates, *clerk, *sort,
      *export_to, *kind, *as, *method, *number;
  int64_t agency, event;
  int pages, by_piece, pieces, open, within, year, unassigned, all;
  xxgk_date today; /* --today, $XXGK_TODAY or the clock (check) */
};

static const char *const DOC_FORMATS[] = {"docx", "html", NULL};
static const char *const QUEUE_SORTS[] = {"deadline", "deadline-desc",
                                          "received", NULL};
static const char *const QUEUE_FORMATS[] = {"csv", "xlsx", NULL};

static const struct cli_opt OPTS[] = {
    CLI_OPT(CLI_ID, "agency", 0, struct args, agency, "ID",
            "机关编号（new；list、due 时只看该机关）"),
    CLI_OPT(CLI_DATE, "received", 0, struct args, received, "日期",
            "收到申请的日期（new）"),
    CLI_OPT(CLI_STRING, "channel", 0, struct args, channel, "渠道",
            "申请渠道（new；见上）"),
    CLI_OPT(CLI_STRING, "category", 0, struct args, category, "类别",
            "申请人类别（new；见上）"),
    CLI_OPT(CLI_STRING, "name", 0, struct args, name, "申请人",
            "申请人姓名或名称（new）"),
    CLI_OPT(CLI_STRING, "id-number", 0, struct args, id_number, "证件号",
            "申请人证件号码（new）"),
    CLI_OPT(CLI_STRING, "contact", 0, struct args, contact, "联系方式",
            "申请人联系方式（new）"),
    CLI_OPT(CLI_STRING, "content", 0, struct args, content, "内容",
            "申请公开的内容（new）"),
    CLI_OPT(CLI_STRING, "delivery", 0, struct args, delivery, "获取方式",
            "获取信息的方式（new）"),
    CLI_OPT(CLI_STRING, "tracking", 0, struct args, tracking, "受理编号",
            "受理编号（new；默认按年顺编）"),
    CLI_OPT(CLI_DATE, "date", 0, struct args, date, "日期",
            "事件、答复或送达的日期（event、reply、deliver）"),
    CLI_OPT(CLI_STRING, "note", 0, struct args, note, "说明",
            "说明（event、reply、deliver）"),
    CLI_OPT_INT("pages", 0, struct args, pages, "N", 1, 1000000000,
                "按量收费的页数（event fee-notice）"),
    CLI_OPT(CLI_FLAG, "by-piece", 0, struct args, by_piece, NULL,
            "按件收费（event fee-notice）"),
    CLI_OPT_INT("pieces", 0, struct args, pieces, "N", 1, 1000,
                "按件收费时一事一申请拆分的件数（event fee-notice；默认 1）"),
    CLI_OPT(CLI_DATE, "until", 0, struct args, until, "日期",
            "补正期限（event correction-requested）或延迟答复期限（event "
            "period-set）"),
    CLI_OPT(CLI_STRING, "reason", 0, struct args, reason, "理由",
            "更正或作废的理由，记入审计日志（edit、void、void-file、"
            "void-delivery）"),
    CLI_OPT_INT("year", 0, struct args, year, "年度", XXGK_CAL_FIRST_YEAR,
                XXGK_CAL_LAST_YEAR, "年度（late；默认今年）"),
    CLI_OPT(CLI_STRING, "outcome", 0, struct args, outcome, "结果",
            "答复结果（reply；见上）"),
    CLI_OPT(CLI_STRING, "basis", 0, struct args, basis, "依据",
            "答复的依据（reply）"),
    CLI_OPT(CLI_DATE, "from", 0, struct args, from, "日期",
            "收到日期不早于该日（list）"),
    CLI_OPT(CLI_DATE, "to", 0, struct args, to, "日期",
            "收到日期不晚于该日（list）"),
    CLI_OPT(CLI_FLAG, "open", 0, struct args, open, NULL,
            "只列出未办结的申请（list）"),
    CLI_OPT_INT("within", 0, struct args, within, "N", 0, 100,
                "列出 N 个工作日内到期的申请（due；默认 " STR(XXGK_DUE_SOON) "）"),
    CLI_OPT_ENUM("format", 0, struct args, doc_to, DOC_FORMATS,
                 "文书格式（doc；默认按 -o 的扩展名，否则 html）"),
    CLI_OPT(CLI_STRING, NULL, 'o', struct args, path, "FILE",
            "文书、附件或导出写到文件（doc、file、queue --export；默认标准"
            "输出）"),
    CLI_OPT(CLI_STRING, "templates", 0, struct args, templates, "DIR",
            "本机关的文书模板文件夹（doc；默认 $XXGK_TEMPLATES，缺的用内置模板）"),
    CLI_OPT(CLI_STRING, "clerk", 0, struct args, clerk, "姓名",
            "承办人（assign：指定，空串撤销；queue：只看其承办的）"),
    CLI_OPT(CLI_FLAG, "unassigned", 0, struct args, unassigned, NULL,
            "只看未指定承办人的申请（queue）"),
    CLI_OPT(CLI_FLAG, "all", 0, struct args, all, NULL,
            "列出全部未办结的申请，不只是需要处理的（queue）"),
    CLI_OPT_ENUM("sort", 0, struct args, sort, QUEUE_SORTS,
                 "排序（queue；默认 deadline，期限最近的在前）"),
    CLI_OPT_ENUM("export", 0, struct args, export_to, QUEUE_FORMATS,
                 "导出为 CSV 或 XLSX（queue；写到 -o FILE 或标准输出）"),
    CLI_OPT(CLI_ID, "event", 0, struct args, event, "记录编号",
            "附件所属的办理记录（attach；默认只属于申请）"),
    CLI_OPT_ENUM("kind", 0, struct args, kind, xxgk_attach_keys,
                 "附件类别（attach；默认 other）"),
    CLI_OPT(CLI_STRING, "as", 0, struct args, as, "文件名",
            "附件的原文件名（attach；默认 FILE 的文件名，从标准输入读时必给）"),
    CLI_OPT_ENUM("method", 0, struct args, method, xxgk_delivery_methods,
                 "送达方式（deliver）"),
    CLI_OPT(CLI_STRING, "number", 0, struct args, number, "邮件号",
            "邮寄送达的邮件号（deliver）"),
    CLI_OPT_END,
};

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

static int do_new(xxgk_reg *r, struct args *a, xxgk_date today) {
  xxgk_case c = {.channel = a->channel,
                 .received = a->received,
                 .category = a->category,
                 .name = a->name,
                 .id_number = a->id_number,
                 .contact = a->contact,
                 .content = a->content,
                 .delivery = a->delivery,
                 .tracking = a->tracking,
                 .agency_id = a->agency};
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

static int do_event(xxgk_reg *r, struct args *a, const char *which,
                    const char *kind) {
  int64_t id = cli_case_id(r, which, "case");
  if (!id)
    return EXIT_UNREADABLE;
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

static int do_reply(xxgk_reg *r, struct args *a, const char *which) {
  int64_t id = cli_case_id(r, which, "case");
  if (!id)
    return EXIT_UNREADABLE;
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

static int do_edit(xxgk_reg *r, struct args *a, const char *which) {
  xxgk_case c = {.channel = a->channel, .received = a->received,
                 .category = a->category, .name = a->name,
                 .id_number = a->id_number, .contact = a->contact,
                 .content = a->content, .delivery = a->delivery,
                 .agency_id = a->agency};
  if (!(c.id = cli_case_id(r, which, "case")))
    return EXIT_UNREADABLE;
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

static int do_show(xxgk_reg *r, struct args *a, const char *which,
                   xxgk_date today) {
  int64_t id = cli_case_id(r, which, "case");
  if (!id)
    return EXIT_UNREADABLE;
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

static int do_doc(xxgk_reg *r, struct args *a, const char *which,
                  const char *kind) {
  int64_t id = cli_case_id(r, which, "case");
  if (!id)
    return EXIT_UNREADABLE;
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

static int do_assign(xxgk_reg *r, struct args *a, const char *which) {
  int64_t id = cli_case_id(r, which, "case");
  if (!id)
    return EXIT_UNREADABLE;
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

enum {
  NEW, EVENT, REPLY, SHOW, LIST, DUE, EDIT, VOID, LATE, DOC, ASSIGN, QUEUE,
  ATTACH, FILES, FILE_GET, VOID_FILE, DELIVER, VOID_DELIVERY
};

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
  switch (c->verb) {
  case NEW: return do_new(r, a, today);
  case EVENT: return do_event(r, a, which, what);
  case REPLY: return do_reply(r, a, which);
  case SHOW: return do_show(r, a, which, today);
  case LIST: return do_list(r, a);
  case DUE: return do_due(r, a, today);
  case EDIT: return do_edit(r, a, which);
  case VOID: return do_void(r, a, which);
  case LATE: return do_late(r, a, today);
  case DOC: return do_doc(r, a, which, what);
  case ASSIGN: return do_assign(r, a, which);
  case QUEUE: return do_queue(r, a, today);
  case ATTACH: return case_attach(r, &f, which, what);
  case FILES: return case_files(r, a->o.json, which);
  case FILE_GET: return case_file_get(r, which, a->path);
  case VOID_FILE: return case_file_void(r, &f, which, 0);
  case DELIVER: return case_deliver(r, &f, which);
  default: return case_file_void(r, &f, which, 1);
  }
}

const struct cli_cmd cli_cmd_case = {
    .name = "case",
    .summary = "依申请公开的申请：登记、办理、期限、更正、文书、承办人和待办"
               "、附件和送达（new event reply show list due edit void late doc "
               "assign queue attach files file void-file deliver "
               "void-delivery）",
    .run = run,
    .synopsis =
        "用法: xxgk case new --agency ID --received 日期 --channel 渠道\n"
        "                    --category 类别 --name 申请人 --content 内容\n"
        "                    [--id-number 证件号] [--contact 联系方式]\n"
        "                    [--delivery 获取方式] [--tracking 受理编号]\n"
        "      xxgk case event 申请 事件 --date 日期 [--note 说明]\n"
        "                    [--pages N | --by-piece [--pieces N]]  (fee-notice)\n"
        "                    [--until 日期]  (correction-requested, period-set)\n"
        "      xxgk case reply 申请 --date 日期 --outcome 结果 [--basis 依据]\n"
        "      xxgk case show 申请\n"
        "      xxgk case list [--agency ID] [--open] [--from 日期] [--to 日期]\n"
        "      xxgk case due [--agency ID] [--within N] [--today 日期]\n"
        "      xxgk case edit 申请 --reason 理由 [--received 日期] [--channel 渠道]\n"
        "                    [--category 类别] [--name 申请人] [--id-number 证件号]\n"
        "                    [--contact 联系方式] [--content 内容] [--delivery 方式]\n"
        "      xxgk case void 记录编号 --reason 理由   (作废最近一条办理记录)\n"
        "      xxgk case late [--year 年度] [--agency ID]  (逾期答复，按机关统计)\n"
        "      xxgk case doc 申请 文书 [--format docx|html] [-o FILE] [--templates DIR]\n"
        "      xxgk case assign 申请 --clerk 姓名   (指定承办人；--clerk '' 撤销)\n"
        "      xxgk case queue [--agency ID] [--clerk 姓名 | --unassigned] [--all]\n"
        "                    [--sort deadline|deadline-desc|received]\n"
        "                    [--export csv|xlsx [-o FILE]]\n"
        "      xxgk case attach 申请 FILE [--kind 类别] [--event 记录编号] [--as 文件名]\n"
        "      xxgk case files 申请              (附件和送达记录)\n"
        "      xxgk case file 附件编号 [-o FILE]  (附件原样写出)\n"
        "      xxgk case void-file 附件编号 --reason 理由\n"
        "      xxgk case deliver 记录编号 --method 方式 --date 日期 [--number 邮件号]\n"
        "                    [--note 说明]\n"
        "      xxgk case void-delivery 送达编号 --reason 理由\n"
        "\n"
        "“申请”为申请编号或受理编号（如 2024-00001）。日期为 YYYY-MM-DD；\n"
        "收到日期按条例第三十一条确定。\n"
        "  渠道  当面 邮寄 网络 传真 其他\n"
        "  类别  natural_person（自然人） commercial（商业企业） "
        "research（科研机构）\n"
        "        social_welfare（社会公益组织） legal_services（法律服务机构）\n"
        "        other_org（其他组织）\n"
        "  事件  correction-requested（补正通知） correction-received（收到补正）\n"
        "        consult-started（征求第三方意见） consult-answered（第三方答复）\n"
        "        extended（延期答复） fee-notice（收费通知） fee-paid（缴费）\n"
        "        fee-lapsed（逾期未缴费，办结） withdrawn（申请人撤回，办结）\n"
        "        fee-served（收费通知送达） reasons-requested（要求说明理由，\n"
        "        第三十五条） reasons-given（申请人说明理由） period-set（确定延迟\n"
        "        答复期限，第三十五条）\n"
        "  结果  表三“本年度办理结果”各行的键名，如 granted（予以公开）、\n"
        "        partially_granted、withheld_state_secret、unable_not_held、\n"
        "        not_processed_duplicate、other_no_correction、other_other\n"
        "  文书  receipt（受理回执） correction（补正告知书，第三十条）\n"
        "        extension（延期答复告知书，第三十三条） consult（征求意见函，\n"
        "        第三十二条、第三十四条） fee（收费通知书，109号） reply（答复书，\n"
        "        依据和救济途径按办理结果填入）；模板见 docs/documents.md\n"
        "  附件  identity（身份证明，条例第二十九条） signed（签发的文书）\n"
        "        receipt（送达回证） other（其他）；PDF、JPEG、PNG、TIFF 或 Word，\n"
        "        至多 10 MB，按内容识别类型，存入登记簿并记下 SHA-256；只能作废，\n"
        "        不能删除\n"
        "  方式  邮寄 当面 电子邮件 在线 其他（送达）；收费通知登记了送达的，\n"
        "        缴费期限自送达次日起算（109号）\n"
        "\n"
        "答复期限：收到申请次日起 20 个工作日（按国务院放假安排，含调休上班日），\n"
        "延期再加 20 个工作日（2019-05-15 前收到的按 2007 年条例：15 + 15）；\n"
        "7 个工作日内发出的补正通知，自收到补正次日重新起算；等待补正、第三方\n"
        "意见和缴费期间停止计时，各有其期限（补正期限、15 个工作日、送达次日起\n"
        "20 个工作日），届满后提示可办结。尚未公布放假安排的年份按《全国年节及\n"
        "纪念日放假办法》推算，期限标“暂定”。due 列出已超期和 N 个工作日内\n"
        "（默认 " STR(XXGK_DUE_SOON) "）到期的申请，以及暂停期限已届满、待决定的"
        "申请。\n"
        "queue 是待办：已逾期、今日到期、" STR(XXGK_DUE_SOON) " 个工作日内到期、暂停"
        "期限已届满和期限不明的申请\n"
        "（--all 加上按期办理和计时暂停的），按期限排序，附各类件数；承办人须是\n"
        "该机关或其上级机关登记的工作人员（xxgk agency user）。\n",
    .epilog =
        "退出码: 0 成功；1 due、queue 发现已超期的申请；2 输入被拒绝或出错（不写入任何"
        "内容）。\n"
        "\n"
        "示例:\n"
        "  xxgk case new --agency 2 --received 2024-03-01 --channel 网络 \\\n"
        "      --category natural_person --name 张三 --content '某项目环评批复'\n"
        "  xxgk case event 2024-00001 consult-started --date 2024-03-05\n"
        "  xxgk case event 2024-00001 fee-notice --date 2024-03-06 --pages 150\n"
        "  xxgk case reply 2024-00001 --date 2024-03-20 --outcome granted \\\n"
        "      --basis '条例第三十六条第二项'\n"
        "  xxgk case due --within 3\n"
        "  xxgk case void 17 --reason '答复日期登记错误'\n"
        "  xxgk case edit 2024-00001 --category commercial --reason '申请人为企业'\n"
        "  xxgk case late --year 2024\n"
        "  xxgk case list --open --json\n"
        "  xxgk case doc 2024-00001 reply -o 答复书.docx\n"
        "  xxgk case doc 2024-00001 receipt --format html > 回执.html\n"
        "  xxgk case assign 2024-00001 --clerk 王敏\n"
        "  xxgk case queue --clerk 王敏\n"
        "  xxgk case queue --all --export xlsx -o 待办.xlsx\n"
        "  xxgk case attach 2024-00001 回证.pdf --kind receipt --event 17\n"
        "  xxgk case deliver 17 --method 邮寄 --number 1191234567890 --date 2024-03-22\n"
        "  xxgk case files 2024-00001\n"
        "  xxgk case file 3 -o 回证.pdf\n",
    .opts = OPTS,
    .common = reg_common,
    .max_pos = 3,
    .verbs = (const struct cli_verb[]){{"new", 0},
                                       {"event", 2},
                                       {"reply", 1},
                                       {"show", 1},
                                       {"list", 0},
                                       {"due", 0},
                                       {"edit", 1},
                                       {"void", 1},
                                       {"late", 0},
                                       {"doc", 2},
                                       {"assign", 1},
                                       {"queue", 0},
                                       {"attach", 2},
                                       {"files", 1},
                                       {"file", 1},
                                       {"void-file", 1},
                                       {"deliver", 1},
                                       {"void-delivery", 1},
                                       {NULL, 0}},
    .args_size = sizeof(struct args),
    .defaults = &(const struct args){.within = XXGK_DUE_SOON},
    .opens = CLI_OPENS_REGISTER,
    .check = check,
};
