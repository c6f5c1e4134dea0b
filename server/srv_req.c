/*
 * srv_req.c — reading a request: the query string, the body (URL-encoded
 * forms, multipart/form-data with a file, or a flat JSON object for the
 * API, all landing in one list of fields so a handler reads a field the
 * same way whatever sent it), cookies; and the response's headers.
 * Every list is capped (SRV_MAX_PARAMS); bodies were capped on arrival.
 */
#include "srv.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int hexval(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Decodes s[0..n) ('+' is a space, %XX a byte) into a new string. */
static char *url_decode(const char *s, size_t n, size_t *out_len) {
  char *o = srv_alloc(n + 1);
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '+') {
      o[k++] = ' ';
    } else if (s[i] == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 &&
               hexval(s[i + 2]) >= 0) {
      o[k++] = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
      i += 2;
    } else {
      o[k++] = s[i];
    }
  }
  o[k] = 0;
  if (out_len)
    *out_len = k;
  return o;
}

static void add(struct srv_param *list, int *n, int *too_many, char *name,
                char *value, size_t len, char *filename) {
  if (*n >= SRV_MAX_PARAMS) {
    *too_many = 1;
    free(name);
    free(value);
    free(filename);
    return;
  }
  list[*n] = (struct srv_param){name, value, len, filename};
  (*n)++;
}

/* Returns 0, or -1 when a name holds a NUL (%00): cut there it could
 * pass for another field. */
static int parse_urlencoded(const char *s, size_t n, struct srv_param *list,
                            int *cnt, int *too_many) {
  size_t i = 0;
  while (i < n) {
    size_t j = i;
    while (j < n && s[j] != '&' && s[j] != ';')
      j++;
    if (j > i) {
      const char *eq = memchr(s + i, '=', j - i);
      size_t kl = eq ? (size_t)(eq - (s + i)) : j - i;
      size_t vl = 0, kn = 0;
      char *k = url_decode(s + i, kl, &kn);
      char *v = eq ? url_decode(eq + 1, (size_t)(s + j - eq - 1), &vl)
                   : srv_strdup("");
      int nul = strlen(k) != kn; /* before add, which may free k */
      add(list, cnt, too_many, k, v, vl, NULL);
      if (nul)
        return -1;
    }
    i = j + 1;
  }
  return 0;
}

/* Where a file comes with a form: an application (its proof of
 * identity), a clerk's registration, the files of an application. */
static int takes_file(const char *path) {
  const char *tail;
  if (strcmp(path, "/apply") == 0 || strcmp(path, "/cases") == 0)
    return 1;
  if (strncmp(path, "/cases/", 7) != 0 || !(tail = strchr(path + 7, '/')))
    return 0;
  return tail > path + 7 && strcmp(tail, "/attachments") == 0;
}

static const char *unprefixed(const char *path) {
  return strncmp(path, "/api/", 5) == 0 ? path + 4 : path;
}

/* A unit's report sent to its office's round: /rounds/ID/units/ID/upload. */
static int round_upload(const char *path) {
  size_t n = strlen(path);
  return strncmp(path, "/rounds/", 8) == 0 && n > 15 &&
         strcmp(path + n - 7, "/upload") == 0;
}

int srv_is_upload(const char *method, const char *path) {
  path = unprefixed(path);
  return strcmp(method, "POST") == 0 &&
         (strcmp(path, "/check") == 0 || strcmp(path, "/corpus/upload") == 0 ||
          round_upload(path) || takes_file(path));
}

size_t srv_body_limit(const char *method, const char *path) {
  if (!srv_is_upload(method, path))
    return SRV_MAX_FORM;
  return takes_file(unprefixed(path)) ? SRV_MAX_ATTACH : SRV_MAX_UPLOAD;
}

/* Whether addr (n bytes) is one of the comma-separated list's. */
static int listed(const char *list, const char *addr, size_t n) {
  while (list && *list) {
    size_t k = strcspn(list, ", ");
    if (k == n && strncmp(list, addr, n) == 0)
      return 1;
    list += k;
    list += strspn(list, ", ");
  }
  return 0;
}

/* An address as a proxy writes one: hex digits, dots and colons. */
static int addr_like(const char *s, size_t n) {
  if (!n || n >= 64)
    return 0;
  for (size_t i = 0; i < n; i++)
    if (!strchr("0123456789abcdefABCDEF.:", s[i]))
      return 0;
  return 1;
}

/* The client's address from X-Forwarded-For: the last entry not itself one
 * of our proxies. Each proxy appends the address it was reached from, so
 * only the entries from the right, up to the first one not ours, were
 * written by a proxy we trust; whatever the client sent stands to their
 * left (believing the first entry let anybody pick his own address, and
 * with it a fresh rate-limit budget per request). */
static void forwarded_for(const char *fwd, const char *proxies, char *ip,
                          size_t cap) {
  const char *end = fwd + strlen(fwd);
  while (end > fwd) {
    const char *e = end;
    while (e > fwd && (e[-1] == ' ' || e[-1] == '\t'))
      e--;
    const char *b = e;
    while (b > fwd && b[-1] != ',')
      b--;
    const char *a = b + strspn(b, " \t");
    size_t n = e > a ? (size_t)(e - a) : 0;
    if (!addr_like(a, n))
      return; /* not an address: keep the peer's */
    if (!listed(proxies, a, n) || b == fwd) {
      if (n < cap)
        snprintf(ip, cap, "%.*s", (int)n, a);
      return;
    }
    end = b - 1; /* past the comma */
  }
}

void srv_req_headers(const struct srv *s, struct srv_req *q,
                     const char *(*get)(void *ctx, const char *name),
                     void *ctx) {
  q->content_type = get(ctx, "Content-Type");
  q->cookie = get(ctx, "Cookie");
  q->csrf_header = get(ctx, "X-CSRF-Token");
  q->requested_with = get(ctx, "X-Requested-With");
  q->accept = get(ctx, "Accept");
  /* A proxy's headers are believed from the proxies named (--proxy), or
   * from any peer with --trust-proxy (a server nobody reaches but its
   * proxy). */
  int trusted = s->o.trust_proxy ||
                (s->o.proxies && listed(s->o.proxies, q->ip, strlen(q->ip)));
  const char *proto = get(ctx, "X-Forwarded-Proto");
  q->secure = trusted && proto && strcasecmp(proto, "https") == 0;
  const char *fwd = get(ctx, "X-Forwarded-For");
  if (trusted && fwd && *fwd)
    forwarded_for(fwd, s->o.proxies, q->ip, sizeof q->ip);
}

void srv_parse_query(struct srv_req *q, const char *qs) {
  if (qs)
    parse_urlencoded(qs, strlen(qs), q->query, &q->n_query, &q->too_many);
}

static const char *memmem_(const char *h, size_t hn, const char *n,
                           size_t nn) {
  if (nn == 0 || hn < nn)
    return NULL;
  for (size_t i = 0; i + nn <= hn; i++)
    if (h[i] == n[0] && memcmp(h + i, n, nn) == 0)
      return h + i;
  return NULL;
}

/* The value of `key=` in a header's parameters ("boundary", "name"),
 * quoted or not, copied into out; 0 if found. */
static int header_param(const char *h, size_t hn, const char *key, char *out,
                        size_t cap) {
  size_t kl = strlen(key);
  for (size_t i = 0; i + kl + 1 <= hn; i++) {
    if (strncasecmp(h + i, key, kl) != 0 || h[i + kl] != '=')
      continue;
    if (i > 0 && h[i - 1] != ' ' && h[i - 1] != ';' && h[i - 1] != '\t')
      continue;
    const char *v = h + i + kl + 1, *end = h + hn;
    size_t k = 0;
    if (v < end && *v == '"') {
      v++;
      while (v < end && *v != '"' && k + 1 < cap)
        out[k++] = *v++;
    } else {
      while (v < end && *v != ';' && *v != ' ' && *v != '\r' && k + 1 < cap)
        out[k++] = *v++;
    }
    out[k] = 0;
    return 0;
  }
  return -1;
}

static int parse_multipart(struct srv_req *q, char *err, size_t cap) {
  char boundary[128], delim[136];
  if (header_param(q->content_type, strlen(q->content_type), "boundary",
                   boundary, sizeof boundary) != 0 ||
      !boundary[0]) {
    snprintf(err, cap, "multipart 请求缺少 boundary");
    return -1;
  }
  int dl = snprintf(delim, sizeof delim, "--%s", boundary);
  const char *p = q->body, *end = q->body + q->body_len;
  const char *at = memmem_(p, (size_t)(end - p), delim, (size_t)dl);
  if (!at) {
    snprintf(err, cap, "multipart 请求体中没有分隔符");
    return -1;
  }
  p = at + dl;
  for (;;) {
    if (end - p >= 2 && p[0] == '-' && p[1] == '-')
      return 0; /* the closing delimiter */
    if (end - p >= 2 && p[0] == '\r' && p[1] == '\n')
      p += 2;
    const char *hend = memmem_(p, (size_t)(end - p), "\r\n\r\n", 4);
    if (!hend) {
      snprintf(err, cap, "multipart 请求的某一部分缺少头部");
      return -1;
    }
    char name[128] = "", filename[256] = "";
    int has_file =
        header_param(p, (size_t)(hend - p), "filename", filename,
                     sizeof filename) == 0;
    if (header_param(p, (size_t)(hend - p), "name", name, sizeof name) != 0) {
      snprintf(err, cap, "multipart 请求的某一部分没有字段名");
      return -1;
    }
    const char *data = hend + 4;
    char term[140];
    int tl = snprintf(term, sizeof term, "\r\n%s", delim);
    const char *next = memmem_(data, (size_t)(end - data), term, (size_t)tl);
    if (!next) {
      snprintf(err, cap, "multipart 请求体不完整");
      return -1;
    }
    add(q->form, &q->n_form, &q->too_many, srv_strdup(name),
        srv_strndup(data, (size_t)(next - data)), (size_t)(next - data),
        has_file ? srv_strdup(filename) : NULL);
    p = next + tl;
  }
}

/* Whether a string of the JSON text s holds the escape \u0000 (a NUL,
 * which would cut the key or value it is in short). */
static int json_has_nul(const char *s, size_t n) {
  int in_string = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '"') {
      in_string = !in_string;
    } else if (in_string && s[i] == '\\' && i + 1 < n) {
      if (s[i + 1] == 'u' && i + 5 < n && memcmp(s + i + 2, "0000", 4) == 0)
        return 1;
      i++; /* the escaped character, maybe a quote */
    }
  }
  return 0;
}

static int parse_json(struct srv_req *q, char *err, size_t cap) {
  if (json_has_nul(q->body, q->body_len)) {
    snprintf(err, cap, "JSON 字符串中不能有 NUL 字符（\\u0000）");
    return -1;
  }
  json_tokener *tok = json_tokener_new();
  json_object *o =
      json_tokener_parse_ex(tok, q->body, (int)q->body_len);
  enum json_tokener_error je = json_tokener_get_error(tok);
  json_tokener_free(tok);
  if (!o || je != json_tokener_success ||
      !json_object_is_type(o, json_type_object)) {
    json_object_put(o);
    snprintf(err, cap, "请求体不是有效的 JSON 对象");
    return -1;
  }
  int bad = 0;
  json_object_object_foreach(o, key, val) {
    if (!val) {
      continue;
    } else if (json_object_is_type(val, json_type_string) ||
               json_object_is_type(val, json_type_int) ||
               json_object_is_type(val, json_type_boolean)) {
      const char *s = json_object_is_type(val, json_type_boolean)
                          ? (json_object_get_boolean(val) ? "1" : "")
                          : json_object_get_string(val);
      size_t n = json_object_is_type(val, json_type_string)
                     ? (size_t)json_object_get_string_len(val)
                     : strlen(s);
      add(q->form, &q->n_form, &q->too_many, srv_strdup(key),
          srv_strndup(s, n), n, NULL);
    } else {
      bad = 1;
    }
  }
  json_object_put(o);
  if (bad) {
    snprintf(err, cap, "JSON 字段的值只能是字符串、整数、布尔值或 null");
    return -1;
  }
  return 0;
}

int srv_parse_body(struct srv_req *q, char *err, size_t cap) {
  if (!q->body || !q->body_len)
    return 0;
  err[0] = 0;
  const char *ct = q->content_type ? q->content_type : "";
  int rc;
  if (strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0)
    rc = parse_urlencoded(q->body, q->body_len, q->form, &q->n_form,
                          &q->too_many);
  else if (strncasecmp(ct, "multipart/form-data", 19) == 0)
    rc = parse_multipart(q, err, cap);
  else if (strncasecmp(ct, "application/json", 16) == 0)
    rc = parse_json(q, err, cap);
  else {
    snprintf(err, cap, "不支持的请求体类型“%.60s”", ct);
    return -1;
  }
  /* A NUL inside a field would cut it short where C reads it (a password
   * "secret\0garbage" would log in as "secret"): refused, except in a
   * file, whose bytes are read by length. */
  for (int i = 0; rc == 0 && i < q->n_form; i++)
    if (!q->form[i].filename && memchr(q->form[i].value, 0, q->form[i].len))
      rc = -1;
  if (rc != 0 && !*err)
    snprintf(err, cap, "字段中不能有 NUL 字符");
  return rc;
}

static void free_list(struct srv_param *l, int n) {
  for (int i = 0; i < n; i++) {
    free(l[i].name);
    free(l[i].value);
    free(l[i].filename);
  }
}

void srv_req_free(struct srv_req *q) {
  free_list(q->query, q->n_query);
  free_list(q->form, q->n_form);
  q->n_query = q->n_form = 0;
}

static const struct srv_param *find(const struct srv_param *l, int n,
                                    const char *name) {
  for (int i = 0; i < n; i++)
    if (strcmp(l[i].name, name) == 0)
      return &l[i];
  return NULL;
}

const char *srv_query(const struct srv_req *q, const char *name) {
  const struct srv_param *p = find(q->query, q->n_query, name);
  return p ? p->value : NULL;
}

const struct srv_param *srv_form_param(const struct srv_req *q,
                                       const char *name) {
  return find(q->form, q->n_form, name);
}

const char *srv_form(const struct srv_req *q, const char *name) {
  const struct srv_param *p = find(q->form, q->n_form, name);
  return p ? p->value : NULL;
}

const char *srv_param(const struct srv_req *q, const char *name) {
  const char *v = srv_form(q, name);
  return v ? v : srv_query(q, name);
}

int srv_cookie(const struct srv_req *q, const char *name, char *out,
               size_t cap) {
  const char *c = q->cookie;
  size_t nl = strlen(name);
  while (c && *c) {
    while (*c == ' ' || *c == ';')
      c++;
    const char *end = strchr(c, ';');
    if (!end)
      end = c + strlen(c);
    if ((size_t)(end - c) > nl && strncmp(c, name, nl) == 0 && c[nl] == '=') {
      size_t vl = (size_t)(end - c) - nl - 1;
      if (vl >= cap)
        return -1;
      memcpy(out, c + nl + 1, vl);
      out[vl] = 0;
      return 0;
    }
    c = end;
  }
  return -1;
}

/* ## Responses */

void srv_header(struct srv_resp *r, const char *name, const char *value) {
  if (r->n_headers >= SRV_MAX_HEADERS)
    return;
  r->headers[r->n_headers][0] = srv_strdup(name);
  r->headers[r->n_headers][1] = srv_strdup(value);
  r->n_headers++;
}

void srv_redirect(struct srv_resp *r, const char *location) {
  r->status = 303;
  srv_header(r, "Location", location);
}

void srv_resp_free(struct srv_resp *r) {
  xxgk_buf_free(&r->body);
  for (int i = 0; i < r->n_headers; i++) {
    free(r->headers[i][0]);
    free(r->headers[i][1]);
  }
  r->n_headers = 0;
}
