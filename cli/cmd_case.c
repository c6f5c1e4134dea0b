/*
 * cmd_case.c — `xxgk case new|event|reply|show|list|due`: the clerk's
 * daily work on applications. Lists mask the applicant's personal data;
 * `show` of a single application prints it in full.
 */
#include "reg_cli.h"

#include <stdlib.h>
#include <string.h>

static const char USAGE[] =
    "用法: xxgk case new --agency ID --received 日期 --channel 渠道\n"
    "                    --category 类别 --name 申请人 --content 内容\n"
    "                    [--id-number 证件号] [--contact 联系方式]\n"
    "                    [--delivery 获取方式] [--tracking 受理编号]\n"
    "      xxgk case event 申请 事件 --date 日期 [--note 说明]\n"
    "                    [--pages N | --by-piece [--pieces N]]  (fee-notice)\n"
    "                    [--until 日期]  (correction-requested 的补正期限，\n"
    "                                     period-set 的延迟答复期限)\n"
    "      xxgk case reply 申请 --date 日期 --outcome 结果 [--basis 依据]\n"
    "      xxgk case show 申请\n"
    "      xxgk case list [--agency ID] [--open] [--from 日期] [--to 日期]\n"
    "      xxgk case due [--agency ID] [--within N] [--today 日期]\n"
    "      xxgk case edit 申请 --reason 理由 [--received 日期] [--channel 渠道]\n"
    "                    [--category 类别] [--name 申请人] [--id-number 证件号]\n"
    "                    [--contact 联系方式] [--content 内容] [--delivery 方式]\n"
    "      xxgk case void 记录编号 --reason 理由   (作废最近一条办理记录)\n"
    "      xxgk case late --year 年度 [--agency ID]  (逾期答复，按机关统计)\n"
    "\n"
    "“申请”为申请编号或受理编号（如 2024-00001）。日期为 YYYY-MM-DD；\n"
    "收到日期按条例第三十一条确定。\n"
    "  渠道  当面 邮寄 网络 传真 其他\n"
    "  类别  natural_person（自然人） commercial（商业企业） research（科研机构）\n"
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
    "\n"
    "答复期限：收到申请次日起 20 个工作日（按国务院放假安排，含调休上班日），\n"
    "延期再加 20 个工作日（2019-05-15 前收到的按 2007 年条例：15 + 15）；\n"
    "7 个工作日内发出的补正通知，自收到补正次日重新起算；等待补正、第三方\n"
    "意见和缴费期间停止计时，各有其期限（补正期限、15 个工作日、送达次日起\n"
    "20 个工作日），届满后提示可办结。尚未公布放假安排的年份按《全国年节及\n"
    "纪念日放假办法》推算，期限标“暂定”。due 列出已超期和 N 个工作日内\n"
    "（默认 5）到期的申请，以及暂停期限已届满、待决定的申请。\n"
    "\n"
    "  --db FILE        登记簿文件（默认 $XXGK_DB，否则 ./xxgk.db）\n"
    "  --user 姓名      经办人，记入审计日志（默认 $XXGK_USER，否则 $USER）\n"
    "  --calendar FILE  补充的节假日文件（YYYY-MM-DD<TAB>holiday|workday<TAB>名称）\n"
    "  --today 日期     以该日为今天（默认系统日期）\n"
    "  --json           输出 JSON\n"
    "\n"
    "退出码: 0 成功；1 due 发现已超期的申请；2 输入被拒绝或出错（不写入任何内容）。\n"
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
    "  xxgk case list --open --json\n";

struct args {
  struct reg_opts o;
  const char *agency, *received, *channel, *category, *name, *id_number,
      *contact, *content, *delivery, *tracking, *date, *note, *pages,
      *outcome, *basis, *from, *to, *within, *until, *pieces, *reason, *year;
  int by_piece, open;
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
                 .tracking = a->tracking};
  if (!(c.agency_id = cli_id(a->agency, "机关编号（--agency）", "case")))
    return EXIT_UNREADABLE;
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
      e.quantity = cli_id(a->pages, "页数（--pages）", "case");
      if (!e.quantity)
        return EXIT_UNREADABLE;
    } else if (a->by_piece) {
      e.method = XXGK_FEE_BY_PIECE;
      if (a->pieces &&
          !(e.quantity = cli_id(a->pieces, "件数（--pieces）", "case")))
        return EXIT_UNREADABLE;
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
                 .content = a->content, .delivery = a->delivery};
  if (!(c.id = cli_case_id(r, which, "case")) ||
      (a->agency && !(c.agency_id = cli_id(a->agency, "机关编号", "case"))))
    return EXIT_UNREADABLE;
  if (xxgk_reg_case_edit(r, &c, a->reason) != XXGK_OK)
    return cli_reg_fail(r, "case");
  printf(a->o.json ? "{\"id\": %lld, \"edited\": true}\n"
                   : "已更正申请 %lld，更正前的内容和理由已记入审计日志\n",
         (long long)c.id);
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
  int64_t agency = 0;
  long year = a->year ? strtol(a->year, NULL, 10) : xxgk_date_year(today);
  if (a->agency && !(agency = cli_id(a->agency, "机关编号", "case")))
    return EXIT_UNREADABLE;
  struct late_out o = {a->o.json, 0};
  if (o.json)
    fputs("[", stdout);
  xxgk_status st = xxgk_reg_late_replies(r, agency, (int)year, late_row, &o);
  if (o.json)
    puts("]");
  else if (st == XXGK_OK && !o.n)
    printf("%ld 年没有答复记录\n", year);
  return st == XXGK_OK ? 0 : cli_reg_fail(r, "case");
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
    fputs(", \"basis\": ", stdout);
    cli_json_str(stdout, e->basis);
    fputs(", \"note\": ", stdout);
    cli_json_str(stdout, e->note);
    printf(", \"amount\": %lld, \"until\": ", (long long)e->amount);
    cli_json_str(stdout, e->until);
    fputs(", \"warning\": ", stdout);
    cli_json_str(stdout, e->warning);
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
  return 0;
}

/* ## list and due */

struct listing {
  xxgk_reg *r;
  int json, n;
  /* due: the open applications' ids, collected first */
  int64_t *ids;
  int n_ids, cap;
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
    fputs(", \"id_number\": ", stdout);
    cli_json_str(stdout, row->c.id_number ? idn : NULL);
    fputs(", \"final\": ", stdout);
    cli_json_str(stdout, row->final_kind);
    fputs(", \"final_date\": ", stdout);
    cli_json_str(stdout, row->final_date);
    fputs(", \"outcome\": ", stdout);
    cli_json_str(stdout, row->outcome);
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
    putchar('\n');
  }
  l->n++;
  return 0;
}

static int collect_id(void *ctx, const xxgk_case_row *row) {
  struct listing *l = ctx;
  if (l->n_ids == l->cap) {
    l->cap = l->cap ? l->cap * 2 : 64;
    l->ids = xxgk_realloc(l->ids, (size_t)l->cap * sizeof *l->ids);
  }
  l->ids[l->n_ids++] = row->c.id;
  return 0;
}

static int filter(struct args *a, xxgk_case_filter *f) {
  memset(f, 0, sizeof *f);
  if (a->agency && !(f->agency_id = cli_id(a->agency, "机关编号", "case")))
    return -1;
  f->open_only = a->open;
  f->from = a->from;
  f->to = a->to;
  return 0;
}

static int do_list(xxgk_reg *r, struct args *a) {
  xxgk_case_filter f;
  if (filter(a, &f) != 0)
    return EXIT_UNREADABLE;
  struct listing l = {r, a->o.json, 0, NULL, 0, 0};
  if (l.json)
    fputs("[", stdout);
  xxgk_status st = xxgk_reg_case_list(r, &f, list_row, &l);
  if (l.json)
    fputs("]\n", stdout);
  return st == XXGK_OK ? 0 : cli_reg_fail(r, "case");
}

static int do_due(xxgk_reg *r, struct args *a, xxgk_date today) {
  xxgk_case_filter f;
  if (filter(a, &f) != 0)
    return EXIT_UNREADABLE;
  f.open_only = 1;
  int within = 5;
  if (a->within) {
    char *end;
    within = (int)strtol(a->within, &end, 10);
    if (*end || within < 0 || within > 100) {
      fprintf(stderr, "xxgk case: --within 应为 0 到 100 的工作日数\n");
      return EXIT_UNREADABLE;
    }
  }
  struct listing l = {r, a->o.json, 0, NULL, 0, 0};
  if (xxgk_reg_case_list(r, &f, collect_id, &l) != XXGK_OK) {
    xxgk_free(l.ids);
    return cli_reg_fail(r, "case");
  }
  int overdue = 0, rc = 0;
  if (l.json)
    fputs("[", stdout);
  for (int i = 0; i < l.n_ids && !rc; i++) {
    xxgk_due d;
    struct one o;
    if (xxgk_reg_case_due(r, l.ids[i], today, &d) != XXGK_OK ||
        xxgk_reg_case_get(r, l.ids[i], keep_row, NULL, &o) != XXGK_OK) {
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
             (long long)l.ids[i]);
      cli_json_str(stdout, o.tracking);
      fputs(", \"agency\": ", stdout);
      cli_json_str(stdout, o.agency);
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
  xxgk_free(l.ids);
  return rc ? rc : overdue ? EXIT_FINDINGS : 0;
}

int cmd_case(int argc, char **argv) {
  struct args a;
  memset(&a, 0, sizeof a);
  const struct opt opts[] = {
      {"--agency", &a.agency, NULL},     {"--received", &a.received, NULL},
      {"--channel", &a.channel, NULL},   {"--category", &a.category, NULL},
      {"--name", &a.name, NULL},         {"--id-number", &a.id_number, NULL},
      {"--contact", &a.contact, NULL},   {"--content", &a.content, NULL},
      {"--delivery", &a.delivery, NULL}, {"--tracking", &a.tracking, NULL},
      {"--date", &a.date, NULL},         {"--note", &a.note, NULL},
      {"--pages", &a.pages, NULL},       {"--by-piece", NULL, &a.by_piece},
      {"--outcome", &a.outcome, NULL},   {"--basis", &a.basis, NULL},
      {"--from", &a.from, NULL},         {"--to", &a.to, NULL},
      {"--open", NULL, &a.open},         {"--within", &a.within, NULL},
      {"--until", &a.until, NULL},       {"--pieces", &a.pieces, NULL},
      {"--reason", &a.reason, NULL},     {"--year", &a.year, NULL},
  };
  const char *pos[3] = {NULL, NULL, NULL};
  int n_pos;
  int rc = cli_reg_args(argc, argv, opts, (int)(sizeof opts / sizeof opts[0]),
                        &a.o, pos, 3, &n_pos, "case", USAGE);
  if (rc >= 0)
    return rc;
  static const char *const SUBS[] = {"new", "event", "reply", "show",
                                     "list", "due", "edit", "void", "late"};
  int sub = -1;
  for (int i = 0; i < 9 && n_pos; i++)
    if (strcmp(pos[0], SUBS[i]) == 0)
      sub = i;
  if (sub < 0) {
    fprintf(stderr,
            "xxgk case: 请给出子命令 new、event、reply、show、list、due、edit、"
            "void 或 late\n\n%s",
            USAGE);
    return EXIT_UNREADABLE;
  }
  xxgk_date today;
  if (cli_today(&a.o, &today, "case") != 0)
    return EXIT_UNREADABLE;
  xxgk_reg *r = cli_reg_open(&a.o, 0, "case");
  if (!r)
    return EXIT_UNREADABLE;
  switch (sub) {
  case 0: rc = do_new(r, &a, today); break;
  case 1: rc = do_event(r, &a, pos[1], pos[2]); break;
  case 2: rc = do_reply(r, &a, pos[1]); break;
  case 3: rc = do_show(r, &a, pos[1], today); break;
  case 4: rc = do_list(r, &a); break;
  case 5: rc = do_due(r, &a, today); break;
  case 6: rc = do_edit(r, &a, pos[1]); break;
  case 7: rc = do_void(r, &a, pos[1]); break;
  default: rc = do_late(r, &a, today); break;
  }
  xxgk_reg_close(r);
  return rc;
}
