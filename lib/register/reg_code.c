/*
 * reg_code.c — the applicant's secret code: an application
 * registered through the public form gets a tracking number and a code
 * that together open its status page. The code is 16 characters from a
 * 32-letter alphabet without 0/O/1/I (80 random bits, libsodium's
 * randombytes); only its BLAKE2b hash is stored, so a stolen database
 * does not open the status pages, and the comparison is constant-time
 * (sodium_memcmp) so the time to answer does not tell how much matched.
 */
#include "reg.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define CODE_LEN 16
static const char ALPHABET[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/* The hex BLAKE2b-256 of code, upper-cased first so a code typed in lower
 * case still matches. */
static void code_hash(const char *code, char hex[65]) {
  unsigned char norm[64], h[32];
  size_t n = 0;
  for (; n < sizeof norm && code[n]; n++)
    norm[n] = (unsigned char)(code[n] >= 'a' && code[n] <= 'z'
                                  ? code[n] - 'a' + 'A'
                                  : code[n]);
  crypto_generichash(h, sizeof h, norm, n, NULL, 0);
  sodium_bin2hex(hex, 65, h, sizeof h);
}

xxgk_status xxgk_reg_case_code_new(xxgk_reg *r, int64_t case_id,
                                   char *code) {
  if (sodium_init() < 0)
    return reg_fail(r, XXGK_E_DB, "随机数发生器不可用");
  for (int i = 0; i < CODE_LEN; i++)
    code[i] = ALPHABET[randombytes_uniform(sizeof ALPHABET - 1)];
  code[CODE_LEN] = 0;
  char hex[65];
  code_hash(code, hex);
  int64_t agency;
  xxgk_status st = reg_begin(r, 1);
  if (st == XXGK_OK)
    st = reg_case_agency(r, case_id, &agency);
  /* Audited without the hash: that a code was issued, for which case. */
  if (st == XXGK_OK)
    st = reg_change(r, "case.code", "application", case_id, NULL,
                    "INSERT INTO application_code (application_id, code_hash)"
                    " VALUES (?, ?) ON CONFLICT (application_id) DO UPDATE SET"
                    " code_hash = excluded.code_hash",
                    "it", case_id, hex);
  if (st != XXGK_OK)
    code[0] = 0;
  return reg_end(r, st);
}

static int take_hash(void *ctx, const store_row *row) {
  int64_t *id = ctx;
  id[0] = row->v[0].i;
  snprintf((char *)(id + 1), 65, "%s", row->v[1].s);
  return 1;
}

xxgk_status xxgk_reg_case_code_check(xxgk_reg *r, const char *tracking,
                                     const char *code, int64_t *id) {
  /* id, then the stored hex hash, in one aligned buffer */
  int64_t got[1 + 9] = {0};
  *id = 0;
  if (!tracking || !code || strlen(tracking) > 64 || strlen(code) > 64)
    return reg_fail(r, XXGK_E_REFUSED, "受理编号或查询码不对");
  xxgk_status st =
      reg_read(r, take_hash, got,
               "SELECT a.id, c.code_hash FROM application a"
               " JOIN application_code c ON c.application_id = a.id"
               " WHERE a.tracking = ?",
               "t", tracking);
  if (st != XXGK_OK)
    return st;
  char want[65], *stored = (char *)(got + 1);
  code_hash(code, want);
  if (!got[0]) /* compare all the same, against a hash nothing has */
    memset(stored, 'x', 64);
  int same = sodium_memcmp(want, stored, 64) == 0;
  if (!got[0] || !same)
    return reg_fail(r, XXGK_E_REFUSED, "受理编号或查询码不对");
  *id = got[0];
  return XXGK_OK;
}
