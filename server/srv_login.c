/*
 * srv_login.c — logging in and out, the home page, and the API's "who am
 * I" (/api/session, which also hands a script the CSRF token it must send
 * back). A login replaces any earlier
 * session (no fixation); failed logins are rate-limited per address and
 * per login name (srv_throttle.c).
 */
#include "srv.h"

#include <stdio.h>
#include <string.h>

/* A local path to go to after login: "/…" but not "//…" (another host).
 * Browsers drop TABs and newlines from a URL and read '\\' as '/', so
 * "/\t/evil.example" would be "//evil.example": any control byte, DEL or
 * backslash anywhere refuses it. */
static const char *safe_next(const char *next) {
  if (!next || next[0] != '/' || next[1] == '/' || strlen(next) > 200)
    return "/cases";
  for (const unsigned char *p = (const unsigned char *)next; *p; p++)
    if (*p < 0x20 || *p == 0x7f || *p == '\\')
      return "/cases";
  return next;
}

void h_home(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  (void)s;
  if (q->sess) { /* the staff's landing page: what is due */
    srv_redirect(r, "/queue");
    return;
  }
  page_begin(r, q, "政府信息公开");
  hp(&r->body,
     "<div class=\"cards\">"
     "<a class=\"card\" href=\"/apply\"><b>申请公开政府信息</b>"
     "<span>在线提交申请，获得受理编号和查询码</span></a>"
     "<a class=\"card\" href=\"/status\"><b>查询办理进度</b>"
     "<span>凭受理编号和查询码查看</span></a>"
     "<a class=\"card\" href=\"/checker\"><b>检查年度报告</b>"
     "<span>上传或粘贴报告，检查统计表的勾稽关系</span></a>"
     "<a class=\"card\" href=\"/login\"><b>工作人员登录</b>"
     "<span>登记簿、年度报告</span></a></div>");
  page_end(r);
}

/* The login form: q->refused (or nothing) above it, the typed login kept. */
static void login_page(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  const char *login = srv_form(q, "login");
  page_begin_anon_form(s, q, r, "工作人员登录", q->refused, "/login");
  hp(&r->body,
     "<input type=\"hidden\" name=\"next\" value=\"%s\">"
     "<label>登录名<input name=\"login\" value=\"%s\" required "
     "autocomplete=\"username\" autofocus></label>"
     "<label>密码<input name=\"password\" type=\"password\" required "
     "autocomplete=\"current-password\"></label>"
     "<button type=\"submit\">登录</button></form>",
     safe_next(srv_param(q, "next")), login ? login : "");
  page_end(r);
}

void h_login_form(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  if (q->sess) {
    srv_redirect(r, safe_next(srv_query(q, "next")));
    return;
  }
  login_page(s, q, r);
}

void h_login(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  const char *login = srv_form(q, "login"), *pw = srv_form(q, "password");
  if (!login || !*login || !pw || !*pw) {
    srv_refuse_form(s, q, r, 400, "请填写登录名和密码", login_page);
    return;
  }
  if (!srv_throttle_ok(s, q, r, SRV_LOGIN, login, "登录失败次数太多"))
    return;
  xxgk_user u;
  if (xxgk_reg_user_login(s->reg, login, pw, &u) != XXGK_OK) {
    srv_throttle_failed(s, SRV_LOGIN, q->ip, login);
    srv_refuse_form(s, q, r, 401, "用户名或密码不对", login_page);
    return;
  }
  srv_throttle_passed(s, SRV_LOGIN, q->ip, login);
  srv_session_end(s, q->sess);
  struct srv_session *ss = srv_session_new(s, q, &u);
  if (!ss) {
    srv_reg_fail(s, r, q);
    return;
  }
  srv_session_cookie(s, r, q, ss);
  if (q->api) {
    r->ctype = "application/json; charset=utf-8";
    r->no_store = 1;
    jp(&r->body,
       "{\"ok\": true, \"user\": {\"login\": %s, \"name\": %s, \"agency_id\":"
       " %D, \"agency\": %s, \"oversight\": %R}, \"csrf\": %s}\n",
       u.login, u.name, u.agency_id, u.agency, u.n_units ? "true" : "false",
       ss->csrf);
    return;
  }
  srv_redirect(r, safe_next(srv_form(q, "next")));
}

void h_logout(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  srv_session_end(s, q->sess);
  q->sess = NULL;
  srv_session_cookie(s, r, q, NULL);
  if (q->api) {
    r->ctype = "application/json; charset=utf-8";
    xxgk_buf_puts(&r->body, "{\"ok\": true}\n");
    return;
  }
  srv_redirect(r, "/login");
}

void h_session(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  (void)s;
  const xxgk_user *u = &q->sess->user;
  r->ctype = "application/json; charset=utf-8";
  r->no_store = 1;
  jp(&r->body,
     "{\"user\": {\"login\": %s, \"name\": %s, \"agency_id\": %D, \"agency\":"
     " %s, \"oversight\": %R}, \"csrf\": %s}\n",
     u->login, u->name, u->agency_id, u->agency,
     u->n_units ? "true" : "false", q->sess->csrf);
}
