/*
 * cmd_serve.c — `xxgk serve`: the web application (server/) over the
 * register, in the foreground until Ctrl-C. Option parsing only; the
 * server itself lives in server/srv_*.c.
 */
#include "cli.h"

#include "../server/srv.h"

#include <stdlib.h>
#include <string.h>

static void usage(FILE *f) {
  fputs(
      "用法: xxgk serve [--db FILE] [--listen ADDR:PORT] [选项]\n\n"
      "在浏览器中使用登记簿、年度报告和报告检查（政府信息公开网页应用）。\n\n"
      "选项:\n"
      "  --db FILE           登记簿数据库（默认 $XXGK_DB，否则 ./xxgk.db；"
      "不存在时新建）\n"
      "  --listen ADDR:PORT  监听地址（默认 127.0.0.1:8080；端口 0 为任选空闲"
      "端口）\n"
      "  --demo              登记簿为空时先建立示例数据（一个监督机关、两个单位、"
      "账号和一年的申请）\n"
      "  --secure-cookies    Cookie 一律加 Secure（经 HTTPS 反向代理访问时）\n"
      "  --trust-proxy       采信反向代理的 X-Forwarded-Proto 和 X-Forwarded-For\n"
      "  --post-rate N       每个客户端地址每分钟至多 N 次提交（默认 120，0 "
      "为不限）\n"
      "  --today YYYY-MM-DD  以该日为今天（用于测试）\n"
      "  --quiet             不在标准错误输出请求日志\n\n"
      "示例:\n"
      "  xxgk serve --db xxgk.db\n"
      "  xxgk serve --demo --db /tmp/demo.db --listen 127.0.0.1:8080\n",
      f);
}

int cmd_serve(int argc, char **argv) {
  const char *env = getenv("XXGK_DB");
  struct srv_opts o = {.db = env && *env ? env : "xxgk.db",
                       .listen = "127.0.0.1:8080",
                       .post_per_minute = 120};
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *next = i + 1 < argc ? argv[i + 1] : NULL;
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      usage(stdout);
      return 0;
    } else if (strcmp(a, "--demo") == 0) {
      o.demo = 1;
    } else if (strcmp(a, "--secure-cookies") == 0) {
      o.secure_cookies = 1;
    } else if (strcmp(a, "--trust-proxy") == 0) {
      o.trust_proxy = 1;
    } else if (strcmp(a, "--quiet") == 0) {
      o.quiet = 1;
    } else if (next && strcmp(a, "--db") == 0) {
      o.db = argv[++i];
    } else if (next && strcmp(a, "--listen") == 0) {
      o.listen = argv[++i];
    } else if (next && strcmp(a, "--today") == 0) {
      o.today = argv[++i];
    } else if (next && strcmp(a, "--post-rate") == 0) {
      char *end;
      long v = strtol(argv[++i], &end, 10);
      if (*end || v < 0 || v > 1000000) {
        fprintf(stderr, "xxgk serve: --post-rate %s 不是 0 至 1000000 的整数\n",
                argv[i]);
        return EXIT_UNREADABLE;
      }
      o.post_per_minute = (int)v;
    } else {
      fprintf(stderr, "xxgk serve: 不认识的选项 %s%s\n\n", a,
              next ? "" : "（或缺少它的值）");
      usage(stderr);
      return EXIT_UNREADABLE;
    }
  }
  return srv_run(&o);
}
