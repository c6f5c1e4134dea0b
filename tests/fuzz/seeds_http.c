/*
 * seeds_http.c — seeds of fuzz_http: one request for each route and role
 * of docs/api.md and tests/web/http.sh (pages and their /api/ twins,
 * forms, JSON bodies, the checker's multipart upload of a real report,
 * bad filters, bad bodies, missing tokens), in fuzz_http.c's text form,
 * where $A/$B are the logged-in sessions of the oversight office and of a
 * unit's clerk, $a/$b their CSRF tokens, $K an anonymous CSRF token and $P
 * the secret code of application 2026-00001. The register they run
 * against is fuzz_http.c's: agencies 1 (office), 2 and 3 (units),
 * applications 1–5 of unit 2 and 6–10 of unit 3, review 1, record 1,
 * corpus report 1.
 */
#include "seeds.h"

#include "docutil.h"
#include "srv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JSON "Content-Type: application/json\n"
#define FORM "Content-Type: application/x-www-form-urlencoded\n"
#define CLERK "Cookie: xxgk_session=$B\n"
#define CLERK_API CLERK "X-CSRF-Token: $b\n"
#define OFFICE "Cookie: xxgk_session=$A\n"
#define OFFICE_API OFFICE "X-CSRF-Token: $a\n"
#define ANON "Cookie: xxgk_csrf=$K\n"
#define ANON_API "X-Requested-With: xxgk\n"

static const struct {
  const char *name, *request;
} SEEDS[] = {
    {"home", "GET / HTTP/1.1\n\n"},
    {"login-form", "GET /login?next=%2Fcases HTTP/1.1\n\n"},
    {"login", "POST /login\n" ANON FORM
              "\ncsrf=$K&login=jiaoyu&password=fuzz-password&next=/cases"},
    {"login-wrong", "POST /login\n" ANON FORM
                    "\ncsrf=$K&login=jiaoyu&password=wrong-pass"},
    {"login-empty", "POST /login\n" ANON FORM "\ncsrf=$K&login=&password="},
    {"login-next-evil",
     "POST /login\n" ANON FORM
     "\ncsrf=$K&login=dubanshi&password=fuzz-password&next=//evil.example/"},
    {"api-login", "POST /api/login\n" ANON_API JSON
                  "\n{\"login\": \"jiaoyu\", \"password\": \"fuzz-password\"}"},
    {"api-login-broken", "POST /api/login\n" ANON_API JSON "\n{\"login\":"},
    {"api-login-nested",
     "POST /api/login\n" ANON_API JSON "\n{\"login\": [1], \"x\": {\"y\": 2}}"},
    {"logout", "POST /logout\n" CLERK FORM "\ncsrf=$b"},
    {"api-logout", "POST /api/logout\n" CLERK_API "\n"},
    {"session", "GET /api/session\n" OFFICE "\n"},
    {"agencies", "GET /api/agencies\n" OFFICE "\n"},
    {"cases", "GET /cases\n" CLERK "\n"},
    {"cases-per", "GET /api/cases?per=5&page=1\n" CLERK "\n"},
    {"cases-overdue", "GET /api/cases?state=overdue&per=200\n" OFFICE "\n"},
    {"cases-soon", "GET /api/cases?state=soon\n" CLERK "\n"},
    {"cases-granted",
     "GET /api/cases?state=closed&outcome=granted&per=200\n" CLERK "\n"},
    {"cases-category", "GET /cases?category=natural_person&page=2\n" CLERK
                       "\n"},
    {"cases-dates", "GET /api/cases?from=2026-01-01&to=2026-03-31\n" CLERK
                    "\n"},
    {"cases-search", "GET /api/cases?q=%E6%89%B9%E5%A4%8D\n" CLERK "\n"},
    {"cases-agency", "GET /api/cases?agency=3&per=1\n" OFFICE "\n"},
    {"cases-bad", "GET /api/cases?state=bogus&from=2025-13-01&per=0&page=0"
                  "&agency=abc\n" CLERK "\n"},
    {"cases-other-unit", "GET /api/cases?agency=3\n" CLERK "\n"},
    {"case", "GET /cases/1\n" CLERK "\n"},
    {"case-api", "GET /api/cases/6\n" OFFICE "\n"},
    {"case-forbidden", "GET /api/cases/6\n" CLERK "\n"},
    {"case-missing", "GET /api/cases/999999\n" CLERK "\n"},
    {"case-new-form", "GET /cases/new\n" CLERK "\n"},
    {"case-create",
     "POST /cases\n" CLERK FORM
     "\ncsrf=$b&agency_id=2&channel=%E5%BD%93%E9%9D%A2&received=2026-11-02"
     "&category=natural_person&name=%E7%94%B2&id_number=110101199001011234"
     "&contact=13900001111&content=%3Cscript%3Ealert(1)%3C%2Fscript%3E"},
    {"case-create-api",
     "POST /api/cases\n" CLERK_API JSON
     "\n{\"agency_id\": 2, \"channel\": \"网络\", \"received\": \"2026-11-19\","
     " \"category\": \"commercial\", \"name\": \"某公司\", \"contact\": "
     "\"a@b.cn\", \"content\": \"规划条件\", \"delivery\": \"电子邮件\"}"},
    {"case-create-bad-date",
     "POST /api/cases\n" CLERK_API JSON
     "\n{\"agency_id\": 2, \"channel\": \"当面\", \"received\": \"2026-02-30\","
     " \"category\": \"natural_person\", \"name\": \"甲\", \"content\": \"乙\"}"},
    {"event-reply",
     "POST /api/cases/1/events\n" CLERK_API JSON
     "\n{\"kind\": \"reply\", \"date\": \"2026-11-20\", \"outcome\": "
     "\"granted\", \"basis\": \"《条例》第三十六条第（二）项\"}"},
    {"event-form", "POST /cases/1/events\n" CLERK FORM
                   "\ncsrf=$b&kind=consult_started&date=2026-11-05"},
    {"event-fee", "POST /api/cases/4/events\n" CLERK_API FORM
                  "\nkind=fee_notice&date=2026-11-10&method=by_page"
                  "&quantity=150"},
    {"event-extended", "POST /api/cases/1/events\n" CLERK_API JSON
                       "\n{\"kind\": \"extended\", \"date\": \"2026-11-20\"}"},
    {"event-correction", "POST /api/cases/3/events\n" CLERK_API JSON
                         "\n{\"kind\": \"correction_received\", \"date\": "
                         "\"2026-11-18\", \"note\": \"补正材料\"}"},
    {"event-no-csrf", "POST /api/cases/1/events\n" CLERK FORM
                      "\nkind=withdrawn&date=2026-11-20"},
    {"apply-form", "GET /apply\n\n"},
    {"apply",
     "POST /apply\n" ANON FORM
     "\ncsrf=$K&agency_id=2&category=natural_person&name=%E5%85%AC%E4%BC%97"
     "&contact=13700002222&content=%E6%8B%9B%E6%A0%87&delivery=%E7%BA%B8"},
    {"apply-api",
     "POST /api/apply\n" ANON_API JSON
     "\n{\"agency_id\": \"3\", \"category\": \"commercial\", \"name\": "
     "\"某公司\", \"contact\": \"a@b.cn\", \"content\": \"规划条件\"}"},
    {"status-form", "GET /status\n\n"},
    {"status", "POST /status\n" ANON FORM "\ncsrf=$K&tracking=2026-00001&code=$P"},
    {"status-api", "POST /api/status\n" ANON_API JSON
                   "\n{\"tracking\": \"2026-00001\", \"code\": \"$P\"}"},
    {"status-wrong", "POST /api/status\n" ANON_API FORM
                     "\ntracking=2026-99999&code=AAAA"},
    {"records", "GET /records?year=2026\n" CLERK "\n"},
    {"records-api", "GET /api/records?year=2026\n" OFFICE "\n"},
    {"record-add",
     "POST /api/records\n" CLERK_API JSON
     "\n{\"kind\": \"normative_documents\", \"title\": \"招生工作实施办法\", "
     "\"number\": \"\", \"issued\": \"2026-03-02\"}"},
    {"record-repeal", "POST /api/records/1/repeal\n" CLERK_API FORM
                      "\ndate=2026-09-01"},
    {"figure", "POST /api/figures\n" CLERK_API FORM
               "\nyear=2026&item=fees&value=12.3456"},
    {"reviews", "GET /reviews\n" CLERK "\n"},
    {"reviews-api", "GET /api/reviews\n" OFFICE "\n"},
    {"review-add", "POST /api/reviews\n" CLERK_API FORM
                   "\nkind=litigation_direct&filed=2026-11-20"
                   "&cases=2026-00001,2025-00001&note=x"},
    {"review-decide", "POST /api/reviews/1/decide\n" CLERK_API JSON
                      "\n{\"result\": \"corrected\", \"date\": \"2026-11-20\"}"},
    {"report", "GET /report?year=2025\n" CLERK "\n"},
    {"report-office", "GET /api/report?year=2025&agency=1\n" OFFICE "\n"},
    {"report-bad-year", "GET /api/report?year=2020\n" CLERK "\n"},
    {"narrative", "POST /report/narrative\n" CLERK FORM
                  "\ncsrf=$b&year=2025&section=problems"
                  "&text=%3Cb%3E%E9%97%AE%E9%A2%98%3C%2Fb%3E"},
    {"narrative-api", "POST /api/report/narrative\n" CLERK_API JSON
                      "\n{\"year\": 2025, \"section\": \"other\", \"text\": "
                      "\"\"}"},
    {"download-html", "GET /report/download?year=2025&format=html\n" CLERK
                      "\n"},
    {"download-docx", "GET /report/download?year=2025&format=docx\n" OFFICE
                      "\n"},
    {"download-md", "GET /report/download?year=2025&format=md&agency=2\n" OFFICE
                    "\n"},
    {"download-json", "GET /report/download?year=2025&format=json\n" CLERK
                      "\n"},
    {"download-csv", "GET /report/download?year=2025&format=csv\n" CLERK "\n"},
    {"checker", "GET /checker\n\n"},
    {"check-empty", "POST /check\n" ANON FORM "\ncsrf=$K&text="},
    {"check-multipart-bad", "POST /api/check\n" ANON_API
                            "Content-Type: multipart/form-data\n\n--x--"},
    {"corpus", "GET /corpus?year=2025&rule=A1\n" CLERK "\n"},
    {"corpus-api", "GET /api/corpus?region=%E7%A4%BA%E4%BE%8B\n" OFFICE "\n"},
    {"corpus-report", "GET /corpus/reports/1\n" CLERK "\n"},
    {"corpus-report-api", "GET /api/corpus/reports/1\n" OFFICE "\n"},
    {"asset-css", "GET /assets/style.css\n\n"},
    {"asset-js", "HEAD /assets/app.js\n\n"},
    {"asset-missing", "GET /assets/nope.js\n\n"},
    {"not-found", "GET /nope/%2e%2e/../etc/passwd\n\n"},
    {"method", "DELETE /cases\n" CLERK "\n"},
    {"anon-api", "GET /api/cases\n\n"},
    {"anon-page", "GET /report/download?format=json\n\n"},
    {"text-plain", "POST /login\nContent-Type: text/plain\n\nx"},
    {"proxy", "GET /login\nX-Forwarded-Proto: https\n"
              "X-Forwarded-For: 192.0.2.7, 10.0.0.1\n\n"},
    {"bad-cookie", "GET /cases\nCookie: xxgk_session=zz; xxgk_csrf=\n\n"},
};

/* The checker's upload: a published report as a multipart file part, and
 * the same text pasted into the form. */
static void check_seeds(const char *data, const char *out) {
  char path[4096];
  snprintf(path, sizeof path, "%s/tianjin-nankai-2023.txt", data);
  size_t n = 0;
  char *text = read_file(path, &n);
  if (!text) {
    fprintf(stderr, "cannot read %s\n", path);
    failures++;
    return;
  }
  static const char HEAD[] =
      "POST /api/check\nX-Requested-With: xxgk\n"
      "Content-Type: multipart/form-data; boundary=XyZ\n\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; "
      "filename=\"r.txt\"\r\nContent-Type: text/plain\r\n\r\n";
  static const char TAIL[] = "\r\n--XyZ--\r\n";
  char *body = malloc(n + sizeof TAIL);
  if (!body) {
    failures++;
    free(text);
    return;
  }
  memcpy(body, text, n);
  memcpy(body + n, TAIL, sizeof TAIL - 1);
  put(out, "fuzz_http", "check-upload", HEAD, sizeof HEAD - 1, body,
      n + sizeof TAIL - 1);
  static const char PASTE[] =
      "POST /check\nCookie: xxgk_csrf=$K\n"
      "Content-Type: multipart/form-data; boundary=XyZ\n\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n$K\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n";
  put(out, "fuzz_http", "check-paste", PASTE, sizeof PASTE - 1, body,
      n + sizeof TAIL - 1);
  free(body);
  free(text);
}

static const char *const WORDS[] = {
    "GET ", "POST ", "HEAD ", "/api", "Cookie: ", "xxgk_session=",
    "xxgk_csrf=", "X-CSRF-Token: ", "X-Requested-With: xxgk",
    "Content-Type: application/json",
    "Content-Type: multipart/form-data; boundary=", "Content-Type: application/x-www-form-urlencoded",
    "X-Forwarded-For: ", "X-Forwarded-Proto: https", "$A", "$B", "$a", "$b",
    "$K", "$P", "csrf=", "login=", "password=", "next=", "agency_id=",
    "agency=", "channel=", "received=", "category=", "name=", "id_number=",
    "contact=", "content=", "delivery=", "kind=", "date=", "outcome=",
    "basis=", "note=", "method=", "quantity=", "tracking=", "code=", "year=",
    "item=", "value=", "title=", "number=", "issued=", "filed=", "cases=",
    "result=", "section=", "text=", "format=", "state=", "from=", "to=",
    "q=", "page=", "per=", "rule=", "region=", "reply", "withdrawn",
    "fee_notice", "fee_paid", "fee_lapsed", "extended", "consult_started",
    "by_page", "by_piece", "granted", "natural_person", "overdue", "soon",
    "closed", "open", "upheld", "corrected", "administrative_review",
    "rules", "normative_documents", "licensing", "fees", "overview",
    "problems", "docx", "csv", "2026-11-20", "2025", "2026-00001",
    "Content-Disposition: form-data; name=\"", "\"; filename=\"", "\r\n--",
    "%00", "%2e%2e", "%E4%B8%AD", "\":", "\", \"", "null", "true",
    "9223372036854775808", "-1"};

/* The words above and the pieces of every route's path between its '*'
 * segments ("/cases/", "/attachments/", "/void"), once each: the
 * dictionary knows each route of the server's table (server/routes.tsv). */
static void http_dict(const char *out) {
  const size_t n_fixed = sizeof WORDS / sizeof WORDS[0];
  size_t cap = n_fixed, n = 0;
  for (int i = 0; i < srv_n_routes; i++)
    cap += strlen(srv_routes[i].pattern); /* a piece has a byte at least */
  const char **words = srv_alloc(cap * sizeof *words);
  for (size_t i = 0; i < n_fixed; i++)
    words[n++] = WORDS[i];
  for (int i = 0; i < srv_n_routes; i++)
    for (const char *p = srv_routes[i].pattern; *p;) {
      size_t len = strcspn(p, "*"), k = 0;
      while (len && k < n &&
             (strncmp(words[k], p, len) != 0 || words[k][len] != 0))
        k++;
      if (len && k == n)
        words[n++] = srv_strndup(p, len);
      p += len + (p[len] == '*');
    }
  word_dict(out, "fuzz_http", words, n);
  for (size_t i = n_fixed; i < n; i++)
    free((char *)words[i]);
  free(words);
}

void http_seeds(const char *data, const char *out) {
  for (size_t i = 0; i < sizeof SEEDS / sizeof SEEDS[0]; i++)
    put(out, "fuzz_http", SEEDS[i].name, "", 0, SEEDS[i].request,
        strlen(SEEDS[i].request));
  check_seeds(data, out);
  http_dict(out);
}
