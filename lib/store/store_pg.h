/*
 * store_pg.h — the PostgreSQL backend's parts shared between its files.
 */
#ifndef XXGK_STORE_PG_H
#define XXGK_STORE_PG_H

/* STORE_PG_MIGRATIONS[i] takes the schema from version i to i + 1. */
extern const char *const STORE_PG_MIGRATIONS[];
extern const int STORE_PG_N_MIGRATIONS;
/* What begins and ends a bulk load (store.h's bulk). */
extern const char STORE_PG_BULK_BEGIN[], STORE_PG_BULK_END[];

#endif
