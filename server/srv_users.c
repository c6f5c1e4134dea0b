/*
 * srv_users.c — who may log in, managed in the browser: an oversight
 * office lists the users of its agency and its units, gives a user a
 * login and a password (a new user, or a forgotten password reset) and
 * adds units under its agencies; every user changes his own password,
 * after giving the current one (failures count as failed logins: the
 * page is no way around the login's rate limit). A unit's clerk sees his
 * unit's users and changes only his own password.
 */
#include "srv.h"

#include <stdio.h>
#include <string.h>

/* The office's writes: a user with units, for an agency he may see; 0
 * after answering. */
static int64_t office_target(struct srv *s, struct srv_req *q,
                             struct srv_resp *r, const char *field) {
  if (!q->sess->user.n_units) {
    srv_error(r, q, 403, "只有监督机关的用户可以管理用户和下级单位");
    return 0;
  }
  return srv_agency_of(s, q, r, srv_form(q, field));
}

struct list_ctx {
  struct srv_req *q;
  xxgk_buf *b;
  int n;
};

static int put_user(void *ctx, const xxgk_user *u) {
  struct list_ctx *x = ctx;
  if (x->q->api)
    jp(x->b, "%R{\"id\": %D, \"agency_id\": %D, \"agency\": %s, \"name\": %s,"
             " \"login\": %s}",
       x->n ? ",\n" : "\n", u->id, u->agency_id, u->agency, u->name,
       u->login[0] ? u->login : NULL);
  else
    hp(x->b, "<tr><td>%s</td><td>%s</td><td>%s</td></tr>", u->agency,
       u->name, u->login[0] ? u->login : "（未开通登录）");
  x->n++;
  return 0;
}

void h_users(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  xxgk_buf *b = &r->body;
  struct list_ctx x = {q, b, 0};
  page_begin_list(r, q, "users", "用户",
                  "<p><a href=\"/password\">修改我的密码</a></p>"
                  "<div class=\"scroll\"><table class=\"list\"><thead><tr>"
                  "<th>机关</th><th>姓名</th><th>登录名</th></tr></thead>"
                  "<tbody>");
  if (xxgk_reg_user_list(s->reg, q->sess->user.agency_id, put_user, &x) !=
      XXGK_OK) {
    srv_reg_fail(s, r, q);
    return;
  }
  if (page_end_list(r, q))
    return;
  hp(b, "</tbody></table></div>");
  if (q->sess->user.n_units) {
    hp(b, "<h2>开通登录或重设密码</h2><p>给某机关的一位用户（按姓名）设置登录名"
          "和密码：姓名不存在时新增该用户，已存在时更新其登录名和密码。</p>"
          "<form method=\"post\" action=\"/users\" class=\"grid\">");
    page_csrf(r, q);
    srv_agency_select(b, s, q, "agency_id", q->sess->user.agency_id, NULL);
    hp(b, "<label>姓名<input name=\"name\" required maxlength=\"120\"></label>"
          "<label>登录名<input name=\"login\" required maxlength=\"63\" "
          "pattern=\"[a-z0-9._\\-]{2,63}\" autocomplete=\"off\"></label>"
          "<label>密码（至少 %d 个字节）<input name=\"password\" "
          "type=\"password\" required minlength=\"%d\" "
          "autocomplete=\"new-password\"></label>"
          "<button type=\"submit\">保存</button></form>",
       XXGK_MIN_PASSWORD, XXGK_MIN_PASSWORD);
  }
  page_end(r);
}

void h_user_set(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  int64_t agency = office_target(s, q, r, "agency_id");
  if (!agency)
    return;
  const char *name = srv_form(q, "name"), *login = srv_form(q, "login");
  if (xxgk_reg_user_set_login(s->reg, agency, name, login,
                              srv_form(q, "password")) != XXGK_OK) {
    srv_reg_fail(s, r, q);
    return;
  }
  srv_done(r, q, "/users", "已为 %s 设置登录名 %s 和密码", name, login);
}

void h_password_form(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  (void)s;
  page_begin(r, q, "修改密码");
  hp(&r->body, "<form method=\"post\" action=\"/password\" class=\"narrow\">");
  page_csrf(r, q);
  hp(&r->body,
     "<label>当前密码<input name=\"current\" type=\"password\" required "
     "autocomplete=\"current-password\"></label>"
     "<label>新密码（至少 %d 个字节）<input name=\"password\" "
     "type=\"password\" required minlength=\"%d\" "
     "autocomplete=\"new-password\"></label>"
     "<label>再输入一次新密码<input name=\"again\" type=\"password\" required "
     "minlength=\"%d\" autocomplete=\"new-password\"></label>"
     "<button type=\"submit\">修改</button></form>",
     XXGK_MIN_PASSWORD, XXGK_MIN_PASSWORD, XXGK_MIN_PASSWORD);
  page_end(r);
}

void h_password(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  const xxgk_user *me = &q->sess->user;
  const char *cur = srv_form(q, "current"), *pw = srv_form(q, "password");
  const char *again = srv_form(q, "again");
  if (!cur || !pw || !*pw)
    FAIL(r, q, 400, "请填写当前密码和新密码");
  if (again && strcmp(again, pw) != 0)
    FAIL(r, q, 400, "两次输入的新密码不一样");
  if (!srv_throttle_ok(s, q, r, SRV_LOGIN, me->login, "密码错误次数太多"))
    return;
  xxgk_user u;
  if (xxgk_reg_user_login(s->reg, me->login, cur, &u) != XXGK_OK) {
    srv_throttle_failed(s, SRV_LOGIN, q->ip, me->login);
    FAIL(r, q, 403, "当前密码不对");
  }
  if (xxgk_reg_user_set_login(s->reg, u.agency_id, u.name, u.login, pw) !=
      XXGK_OK) {
    srv_reg_fail(s, r, q);
    return;
  }
  srv_done(r, q, "/cases", "密码已修改");
}

/* ## Agencies: the tree the user may see, and a unit added under it */

struct ag_ctx {
  int api;
  xxgk_buf *b;
  int n;
};

static int put_agency(void *ctx, const xxgk_agency *a, int depth) {
  struct ag_ctx *x = ctx;
  if (x->api)
    jp(x->b, "%R{\"id\": %D, \"parent_id\": %D, \"name\": %s, \"depth\": %d}",
       x->n ? ",\n" : "\n", a->id, a->parent_id, a->name, depth);
  else {
    hp(x->b, "<li>");
    for (int i = 0; i < depth; i++)
      hp(x->b, "　　");
    hp(x->b, "%s</li>", a->name);
  }
  x->n++;
  return 0;
}

void h_agencies(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  struct ag_ctx x = {q->api, &r->body, 0};
  page_begin_list(r, q, "agencies", "机关和单位", "<ul class=\"tree\">");
  if (srv_agency_list(s, q, put_agency, &x) != XXGK_OK) {
    srv_reg_fail(s, r, q);
    return;
  }
  if (page_end_list(r, q))
    return;
  hp(&r->body, "</ul>");
  if (q->sess->user.n_units) {
    hp(&r->body, "<h2>新增下级单位</h2><form method=\"post\" "
                 "action=\"/agencies\" class=\"grid\">");
    page_csrf(r, q);
    srv_agency_select(&r->body, s, q, "parent_id", q->sess->user.agency_id,
                      NULL);
    hp(&r->body, "<label class=\"wide\">单位名称<input name=\"name\" required "
                 "maxlength=\"200\"></label><button type=\"submit\">新增"
                 "</button></form>");
  }
  page_end(r);
}

void h_agency_add(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  int64_t parent = office_target(s, q, r, "parent_id");
  if (!parent)
    return;
  xxgk_agency a = {.parent_id = parent, .name = srv_form(q, "name")};
  if (xxgk_reg_agency_add(s->reg, &a) != XXGK_OK) {
    srv_reg_fail(s, r, q);
    return;
  }
  srv_done_id(r, q, "/agencies", "id", a.id, "已新增单位：%s", a.name);
}
