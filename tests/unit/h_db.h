/*
 * h_db.h — the database a suite's test opens, so that one suite runs
 * against both backends: SQLite in memory, or with XXGK_TEST_BACKEND=pg a
 * new database of its own in the cluster XXGK_TEST_PG names (made by
 * tests/pg/cluster.sh; .ci/run starts one for the whole run).
 */
#ifndef XXGK_H_DB_H
#define XXGK_H_DB_H

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Whether this run is against PostgreSQL. */
static inline int h_pg(void) {
  const char *b = getenv("XXGK_TEST_BACKEND");
  return b && strcmp(b, "pg") == 0;
}

/* Called first in main: a PostgreSQL run without a cluster is skipped
 * (ctest's SKIP_RETURN_CODE 77) with a message, or fails where one is
 * required (XXGK_REQUIRE_PG=1: CI). */
static inline void h_db_start(void) {
  if (!h_pg() || getenv("XXGK_TEST_PG"))
    return;
  if (getenv("XXGK_REQUIRE_PG") &&
      strcmp(getenv("XXGK_REQUIRE_PG"), "1") == 0) {
    fprintf(stderr, "FAIL: XXGK_TEST_PG is not set (tests/pg/cluster.sh)\n");
    exit(1);
  }
  printf(
      "skipped: no PostgreSQL (set XXGK_TEST_PG, see tests/pg/cluster.sh)\n");
  exit(77);
}

/* A new, empty database: ":memory:", or a new PostgreSQL database's URI
 * (valid until the next call). Exits on a cluster that cannot make one. */
static inline const char *h_db(void) {
  static char uri[512];
  static int n;
  if (!h_pg())
    return ":memory:";
  const char *base = getenv("XXGK_TEST_PG");
  const char *path = strstr(base, "://");
  path = path ? strchr(path + 3, '/') : NULL;
  if (!path) {
    fprintf(stderr, "FAIL: XXGK_TEST_PG %s is no postgresql:// URI\n", base);
    exit(1);
  }
  char name[64];
  snprintf(name, sizeof name, "t_%ld_%d", (long)getpid(), ++n);
  PGconn *c = PQconnectdb(base);
  char sql[128];
  snprintf(sql, sizeof sql, "CREATE DATABASE %s", name);
  PGresult *res = PQexec(c, sql);
  if (PQresultStatus(res) != PGRES_COMMAND_OK) {
    fprintf(stderr, "FAIL: %s: %s", sql, PQerrorMessage(c));
    exit(1);
  }
  PQclear(res);
  PQfinish(c);
  snprintf(uri, sizeof uri, "%.*s/%s%s", (int)(path - base), base, name,
           path + strcspn(path, "?"));
  return uri;
}

#endif
