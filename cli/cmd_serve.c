/*
 * cmd_serve.c — `xxgk serve`: the web application (server/) over the
 * register, in the foreground until Ctrl-C. Option parsing only; the
 * server itself lives in server/srv_*.c.
 */
#include "cli.h"

#include "../server/srv.h"

#include <stdlib.h>

static const struct cli_opt OPTS[] = {
    CLI_OPT(CLI_STRING, "db", 0, struct srv_opts, db, "FILE",
            "登记簿数据库（默认 $XXGK_DB，否则 ./xxgk.db；不存在时新建）"),
    CLI_OPT(CLI_STRING, "corpus-db", 0, struct srv_opts, corpus_db, "DB",
            "语料库页面的读取改从这个库（只读，如 PostgreSQL 的流复制备库）；"
            "导入仍写 --db"),
    CLI_OPT(CLI_STRING, "listen", 0, struct srv_opts, listen, "ADDR:PORT",
            "监听地址（默认 127.0.0.1:8080；端口 0 为任选空闲端口）"),
    CLI_OPT(CLI_FLAG, "demo", 0, struct srv_opts, demo, NULL,
            "登记簿为空时先建立示例数据（一个监督机关、两个单位、账号和一年的"
            "申请）"),
    CLI_OPT(CLI_FLAG, "secure-cookies", 0, struct srv_opts, secure_cookies,
            NULL, "Cookie 一律加 Secure（经 HTTPS 反向代理访问时）"),
    CLI_OPT(CLI_STRING, "proxy", 0, struct srv_opts, proxies, "ADDR,...",
            "反向代理的地址：只采信来自这些地址的 X-Forwarded-Proto 和 "
            "X-Forwarded-For（客户地址取最右边一个不是代理的）"),
    CLI_OPT(CLI_FLAG, "trust-proxy", 0, struct srv_opts, trust_proxy, NULL,
            "采信任何来源的 X-Forwarded-Proto 和 X-Forwarded-For（只在除代理外"
            "谁也连不到本服务时使用；否则用 --proxy）"),
    CLI_OPT_INT("post-rate", 0, struct srv_opts, post_per_minute, "N", 0,
                1000000, "每个客户端地址每分钟至多 N 次提交（默认 120，0 为不限）"),
    CLI_OPT(CLI_DATE, "today", 0, struct srv_opts, today, "YYYY-MM-DD",
            "以该日为今天（用于测试）"),
    CLI_OPT(CLI_FLAG, "quiet", 0, struct srv_opts, quiet, NULL,
            "不在标准错误输出请求日志"),
    CLI_OPT(CLI_STRING, "templates", 0, struct srv_opts, templates, "DIR",
            "本机关的文书模板文件夹（默认 $XXGK_TEMPLATES，缺的用内置模板）"),
    CLI_OPT_END,
};

static int run(const struct cli_call *c) {
  struct srv_opts *o = c->args;
  const char *tpl = getenv("XXGK_TEMPLATES");
  if (!o->db)
    o->db = cli_default_db();
  if (!o->templates)
    o->templates = tpl && *tpl ? tpl : NULL;
  return srv_run(o);
}

const struct cli_cmd cli_cmd_serve = {
    .name = "serve",
    .summary = "网页应用：在浏览器中使用登记簿、年度报告和报告检查",
    .run = run,
    .synopsis =
        "用法: xxgk serve [--db FILE] [--listen ADDR:PORT] [选项]\n\n"
        "在浏览器中使用登记簿、年度报告和报告检查（政府信息公开网页应用）。\n",
    .epilog = "示例:\n"
              "  xxgk serve --db xxgk.db\n"
              "  xxgk serve --demo --db /tmp/demo.db --listen 127.0.0.1:8080\n"
              "  xxgk serve --db /srv/xxgk/xxgk.db --listen 10.0.0.5:8080 "
              "--proxy 10.0.0.2 --secure-cookies\n",
    .opts = OPTS,
    .max_pos = 0,
    .args_size = sizeof(struct srv_opts),
    .defaults = &(const struct srv_opts){.listen = "127.0.0.1:8080",
                                         .post_per_minute = 120},
};
