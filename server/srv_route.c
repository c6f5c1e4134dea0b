/*
 * srv_route.c — the checks every request passes in order: the session
 * (cookie), the route (404, 405), login (401 for the API, a redirect for
 * pages), then for writes the rate limit (429) and the CSRF token (403),
 * and only then the handler. Pages and the JSON API share one route table
 * (server/routes.tsv, made C at build time): /api/cases is /cases answered
 * in JSON, so there is no page without its API. Also the embedded assets
 * and the server's set-up.
 */
#include "srv.h"
#include "xxgk_round.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Whether path matches pattern; the '*' segments go to q->args. */
static int match(const char *pattern, const char *path, struct srv_req *q) {
  int n_args = 0;
  size_t used = 0;
  const char *p = pattern, *s = path;
  while (*p && *s) {
    if (*p == '*') {
      const char *end = strchr(s, '/');
      size_t len = end ? (size_t)(end - s) : strlen(s);
      if (len == 0 || len > 64 || n_args == 4 ||
          used + len + 1 > sizeof q->argbuf)
        return 0;
      memcpy(q->argbuf + used, s, len);
      q->argbuf[used + len] = 0;
      q->args[n_args++] = q->argbuf + used;
      used += len + 1;
      s += len;
      p++;
    } else if (*p == *s) {
      p++;
      s++;
    } else {
      return 0;
    }
  }
  return !*p && !*s;
}

void srv_handle(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  r->status = 200;
  r->ctype = "text/html; charset=utf-8";
  const char *path = q->path;
  q->api = strncmp(path, "/api/", 5) == 0;
  if (q->api)
    path += 4;
  srv_sessions_sync(s);
  if (srv_session_find(s, q) != 0) {
    srv_reg_fail(s, r, q);
    return;
  }
  const struct srv_route *hit = NULL;
  int path_known = 0;
  for (int i = 0; i < srv_n_routes && !hit; i++) {
    const struct srv_route *rt = &srv_routes[i];
    if ((q->api && (rt->flags & SRV_R_PAGE)) ||
        (!q->api && (rt->flags & SRV_R_API)))
      continue;
    if (!match(rt->pattern, path, q))
      continue;
    path_known = 1;
    if (strcmp(rt->method, q->method) == 0 ||
        (strcmp(q->method, "HEAD") == 0 && strcmp(rt->method, "GET") == 0))
      hit = rt;
  }
  if (!hit) {
    if (path_known) {
      srv_header(r, "Allow", "GET, POST");
      srv_error(r, q, 405, "不支持 %s 方法", q->method);
    } else {
      srv_error(r, q, 404, "没有这个页面：%s", q->path);
    }
    return;
  }
  if (q->too_many) {
    srv_error(r, q, 400, "请求的字段太多（至多 %d 个）", SRV_MAX_PARAMS);
    return;
  }
  if (!(hit->flags & SRV_R_PUBLIC) && !q->sess) {
    if (q->api) {
      srv_error(r, q, 401, "请先登录");
    } else {
      xxgk_buf to = {0};
      hp(&to, "/login?next=%u", q->path);
      srv_redirect(r, to.data);
      xxgk_buf_free(&to);
    }
    return;
  }
  if (strcmp(hit->method, "POST") == 0) {
    if (!srv_throttle_ok(s, q, r, SRV_WRITE, NULL, "提交太频繁"))
      return;
    if (!srv_csrf_ok(q)) {
      srv_error(r, q, 403,
                "表单已过期或来源不明（CSRF 校验失败），请刷新页面后重新提交");
      return;
    }
  }
  /* a holiday notice another thread imported: its deadlines from now on
   * (one indexed read when there was none, done by the session's read when
   * there is a session; a failure shows in the handler's own reads) */
  if (!q->sess)
    xxgk_reg_calendar_sync(s->reg, NULL);
  if (q->sess)
    xxgk_reg_set_user(s->reg, q->sess->user.login);
  else
    xxgk_reg_set_user(s->reg, "web:public");
  if (!(hit->flags & SRV_R_REPORT) || srv_report_args(s, q, r))
    hit->h(s, q, r);
  srv_session_keep(s, q);
  /* A write to a session, a user, an agency or the calendar: this server
   * sees it at once, not only when the database's notice comes back. Other
   * writes (a case, an upload to the public checker) leave the sessions
   * kept alone: most POSTs are those, and every forgetting costs each
   * kept session a read of the database. */
  if (hit->flags & SRV_R_FORGET)
    srv_sessions_forget(s);
}

void srv_serve(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  char err[256];
  if (srv_parse_body(q, err, sizeof err) != 0) {
    q->api = strncmp(q->path, "/api/", 5) == 0;
    srv_error(r, q, 400, "%s", err);
  } else {
    srv_handle(s, q, r);
  }
}

/* ## Assets, compiled in (scripts/embed.cmake) */

extern const char srv_asset_style_css[];
extern const char srv_asset_app_js[];
extern const char srv_asset_favicon_svg[];

void h_asset(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  (void)s;
  /* browsers ask /favicon.ico whatever the page says: the same icon */
  const char *name = q->args[0] ? q->args[0] : "favicon.svg";
  if (strcmp(name, "style.css") == 0) {
    r->ctype = "text/css; charset=utf-8";
    xxgk_buf_puts(&r->body, srv_asset_style_css);
  } else if (strcmp(name, "favicon.svg") == 0) {
    r->ctype = "image/svg+xml";
    xxgk_buf_puts(&r->body, srv_asset_favicon_svg);
  } else if (strcmp(name, "app.js") == 0) {
    r->ctype = "text/javascript; charset=utf-8";
    xxgk_buf_puts(&r->body, srv_asset_app_js);
  } else {
    srv_error(r, q, 404, "没有这个文件：%s", name);
    return;
  }
  srv_header(r, "Cache-Control", "public, max-age=3600");
}

/* ## Set-up */

static time_t real_now(void) { return time(NULL); }

/* The register at s->o.db, opened for s (creating it if missing). */
static int open_reg(struct srv *s, char *err, size_t cap) {
  xxgk_status st = xxgk_reg_open(s->o.db, XXGK_OPT_CREATE, &s->reg);
  if (st != XXGK_OK) {
    snprintf(err, cap, "%s", xxgk_reg_errmsg(s->reg));
    xxgk_reg_close(s->reg);
    s->reg = NULL;
    return -1;
  }
  return 0;
}

int srv_init(struct srv *s, const struct srv_opts *o, char *err, size_t cap) {
  memset(s, 0, sizeof *s);
  s->o = *o;
  s->now = real_now;
  if (o->today) {
    xxgk_date d;
    if (xxgk_date_parse(o->today, &d) != 0) {
      snprintf(err, cap, "--today %s 不是 YYYY-MM-DD 日期", o->today);
      return -1;
    }
  }
  if (open_reg(s, err, cap) != 0)
    return -1;
  s->sh = srv_alloc(sizeof *s->sh);
  memset(s->sh, 0, sizeof *s->sh);
  srv_sessions_start(s);
  return 0;
}

void srv_fini(struct srv *s) {
  srv_fini_thread(s);
  if (!s->sh)
    return;
  srv_sessions_stop(s);
  srv_jobs_free(s);
  free(s->sh);
  s->sh = NULL;
}

int srv_init_thread(struct srv *t, const struct srv *s, char *err,
                    size_t cap) {
  *t = *s;
  t->round = NULL; /* opened by the thread itself when needed */
  return open_reg(t, err, cap);
}

void srv_fini_thread(struct srv *t) {
  xxgk_round_close(t->round);
  t->round = NULL;
  xxgk_reg_close(t->reg);
  t->reg = NULL;
}

xxgk_date srv_today(const struct srv *s) {
  xxgk_date d;
  if (s->o.today && xxgk_date_parse(s->o.today, &d) == 0)
    return d;
  return xxgk_date_today();
}
