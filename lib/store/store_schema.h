/*
 * store_schema.h — each backend's migrations, made by store_schema.c from
 * the one description in store_schema.def.
 */
#ifndef XXGK_STORE_SCHEMA_H
#define XXGK_STORE_SCHEMA_H

/* X_MIGRATIONS[i] takes the backend's schema from version i to i + 1. */
extern const char *const STORE_SQLITE_MIGRATIONS[];
extern const int STORE_SQLITE_N_MIGRATIONS;
extern const char *const STORE_PG_MIGRATIONS[];
extern const int STORE_PG_N_MIGRATIONS;

/* What begins and ends a bulk load in PostgreSQL (store.h's bulk). */
extern const char STORE_PG_BULK_BEGIN[], STORE_PG_BULK_END[];

#endif
