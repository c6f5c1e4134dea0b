/*
 * cmd_case_files.c — `xxgk case attach|files|file|void-file|deliver|
 * void-delivery`: the files kept with an application (the signed reply, a
 * scan of the 送达回证, the proof of identity) and the deliveries of its
 * documents. A file goes in as read from disk or standard input and comes
 * out byte for byte to standard output or -o FILE.
 */
#include "reg_cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int case_attach(xxgk_reg *r, const struct case_file_opts *f, const char *which,
                const char *file) {
  int64_t id = cli_case_id(r, which, "case");
  if (!id)
    return EXIT_UNREADABLE;
  int kind = xxgk_attach_find(f->kind ? f->kind : "other");
  if (kind < 0) {
    fprintf(stderr,
            "xxgk case: 未知的附件类别“%s”；应为 identity（身份证明）、"
            "signed（签发的文书）、receipt（送达回证）或 other（其他）\n",
            f->kind);
    return EXIT_UNREADABLE;
  }
  const char *base = file ? strrchr(file, '/') : NULL;
  const char *name = f->as ? f->as : base ? base + 1 : file;
  if (!file || (strcmp(file, "-") == 0 && !f->as)) {
    fprintf(stderr, "xxgk case: %s\n",
            file ? "从标准输入读取时请用 --as 给出原文件名"
                 : "请给出要附上的文件");
    return EXIT_UNREADABLE;
  }
  size_t n;
  /* a larger file is read one byte past the limit: the library says it
   * is too big */
  char *bytes = cli_read(file, XXGK_ATTACH_MAX, &n);
  if (!bytes) {
    fprintf(stderr, "xxgk case: 无法读取 %s\n", file);
    return EXIT_UNREADABLE;
  }
  xxgk_attachment a = {.case_id = id,
                       .event_id = f->event,
                       .kind = (xxgk_attach_kind)kind,
                       .name = name};
  xxgk_status st = xxgk_reg_attach(r, &a, bytes, n);
  xxgk_free(bytes);
  if (st != XXGK_OK)
    return cli_reg_fail(r, "case");
  if (f->json)
    printf("{\"attachment\": %lld, \"sha256\": \"%s\", \"size\": %lld,"
           " \"media_type\": \"%s\"}\n",
           (long long)a.id, a.sha256, (long long)a.size, a.media_type);
  else
    printf("已附上附件 %lld：%s（%s，%lld 字节，SHA-256 %s）\n",
           (long long)a.id, a.name, a.media_type, (long long)a.size, a.sha256);
  return 0;
}

struct listing {
  int json, n;
};

static int list_file(void *ctx, const xxgk_attachment *a) {
  struct listing *l = ctx;
  if (l->json) {
    printf("%s{\"id\": %lld, \"event\": ", l->n ? ",\n " : "",
           (long long)a->id);
    if (a->event_id)
      printf("%lld", (long long)a->event_id);
    else
      fputs("null", stdout);
    printf(", \"kind\": \"%s\", \"name\": ", xxgk_attach_key(a->kind));
    cli_json_str(stdout, a->name);
    printf(", \"media_type\": \"%s\", \"size\": %lld, \"sha256\": \"%s\","
           " \"at\": \"%s\"",
           a->media_type, (long long)a->size, a->sha256, a->at);
    cli_json_field(stdout, "who", a->who);
    cli_json_field(stdout, "voided", a->voided);
    fputs("}", stdout);
  } else {
    printf("[附件 %lld] %s  %s  %s  %lld 字节  %s", (long long)a->id,
           xxgk_attach_label(a->kind), a->name, a->media_type,
           (long long)a->size, a->at);
    if (a->event_id)
      printf("  记录 %lld", (long long)a->event_id);
    if (a->voided)
      printf("  已作废：%s", a->voided);
    printf("\n           SHA-256 %s\n", a->sha256);
  }
  l->n++;
  return 0;
}

static int list_delivery(void *ctx, const xxgk_delivery *d) {
  struct listing *l = ctx;
  if (l->json) {
    printf("%s{\"id\": %lld, \"event\": %lld, \"event_kind\": \"%s\","
           " \"method\": ",
           l->n ? ",\n " : "", (long long)d->id, (long long)d->event_id,
           xxgk_event_key(d->kind));
    cli_json_str(stdout, d->method);
    cli_json_field(stdout, "number", d->number);
    printf(", \"date\": \"%s\"", d->date);
    cli_json_field(stdout, "note", d->note);
    cli_json_field(stdout, "voided", d->voided);
    fputs("}", stdout);
  } else {
    printf("[送达 %lld] %s  %s（记录 %lld）  %s%s%s", (long long)d->id, d->date,
           xxgk_event_label(d->kind), (long long)d->event_id, d->method,
           d->number ? "  邮件号 " : "", d->number ? d->number : "");
    if (d->note)
      printf("  %s", d->note);
    if (d->voided)
      printf("  已作废：%s", d->voided);
    putchar('\n');
  }
  l->n++;
  return 0;
}

int case_files(xxgk_reg *r, int json, const char *which) {
  int64_t id = cli_case_id(r, which, "case");
  if (!id)
    return EXIT_UNREADABLE;
  struct listing l = {json, 0};
  if (json)
    fputs("{\"attachments\": [", stdout);
  else
    puts("附件");
  if (xxgk_reg_attach_list(r, id, list_file, &l) != XXGK_OK)
    return cli_reg_fail(r, "case");
  if (!json && !l.n)
    puts("  （无）");
  if (json)
    fputs("], \"deliveries\": [", stdout);
  else
    puts("送达");
  l.n = 0;
  if (xxgk_reg_delivery_list(r, id, list_delivery, &l) != XXGK_OK)
    return cli_reg_fail(r, "case");
  if (json)
    puts("]}");
  else if (!l.n)
    puts("  （无）");
  return 0;
}

struct out {
  const char *path;
  int rc;
};

static int write_file(void *ctx, const xxgk_attachment *a, const void *bytes,
                      size_t n) {
  struct out *o = ctx;
  (void)a;
  o->rc = cli_write(o->path, bytes, n, "case");
  return 0;
}

int case_file_get(xxgk_reg *r, const char *which, const char *path) {
  int64_t id = cli_id(which, "附件编号（case files 中的 [附件 N]）", "case");
  if (!id)
    return EXIT_UNREADABLE;
  if (!path && isatty(STDOUT_FILENO)) {
    fprintf(stderr, "xxgk case: 附件是二进制文件，请用 -o FILE 或重定向到"
                    "文件\n");
    return EXIT_UNREADABLE;
  }
  struct out o = {path, 0};
  if (xxgk_reg_attach_get(r, id, write_file, &o) != XXGK_OK)
    return cli_reg_fail(r, "case");
  return o.rc;
}

int case_deliver(xxgk_reg *r, const struct case_file_opts *f,
                 const char *which) {
  int64_t id = cli_id(which, "办理记录编号（case show 中的 [记录 N]）", "case");
  if (!id)
    return EXIT_UNREADABLE;
  xxgk_delivery d = {.event_id = id,
                     .method = f->method,
                     .number = f->number,
                     .date = f->date,
                     .note = f->note};
  if (xxgk_reg_delivery_add(r, &d) != XXGK_OK)
    return cli_reg_fail(r, "case");
  cli_reg_warn(r, "case");
  printf(f->json ? "{\"delivery\": %lld}\n" : "已登记送达 %lld（%s，%s）\n",
         (long long)d.id, d.method, d.date);
  return 0;
}

int case_file_void(xxgk_reg *r, const struct case_file_opts *f,
                   const char *which, int delivery) {
  int64_t id = cli_id(which, delivery ? "送达记录编号" : "附件编号", "case");
  if (!id)
    return EXIT_UNREADABLE;
  if ((delivery ? xxgk_reg_delivery_void(r, id, f->reason)
                : xxgk_reg_attach_void(r, id, f->reason)) != XXGK_OK)
    return cli_reg_fail(r, "case");
  if (f->json)
    printf("{\"%s\": %lld, \"voided\": true}\n",
           delivery ? "delivery" : "attachment", (long long)id);
  else
    printf("已作废%s %lld（保留在登记簿和审计日志中）\n",
           delivery ? "送达记录" : "附件", (long long)id);
  return 0;
}
