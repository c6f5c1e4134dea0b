/*
 * store_schema.c — each backend's migrations, made from the one
 * description in store_schema.def: the words in which SQLite and
 * PostgreSQL differ, defined for each, and the .def read once with each
 * set. A step's number is the same schema in both.
 *
 * What differs, and why:
 * - ids: SQLite's INTEGER PRIMARY KEY is its rowid, PostgreSQL's a BIGINT
 *   identity; integers are BIGINT there (SQLite's are 64 bits anyway);
 * - dates are checked by GLOB, or by a regular expression;
 * - a trigger's body is SQL in SQLite, a plpgsql function in PostgreSQL:
 *   xxgk_refuse() raises the message its trigger names, so the
 *   append-only tables refuse UPDATE, DELETE and TRUNCATE (PostgreSQL has
 *   no REPLACE: an upsert is an UPDATE, which the same triggers refuse, so
 *   SQLite's step 6 has nothing to add there);
 * - the trigram search is an FTS5 table in SQLite, pg_trgm's GIN index over
 *   the searched texts in PostgreSQL (each backend's dialect searches its
 *   own);
 * - SQLite's functions that callers use where standard SQL has none are
 *   defined over PostgreSQL's own, so that the same statement runs on both.
 */
#include "store.h"
#include "store_schema.h"

/* ## Made of the dialects' words, alike in both */

/* A table whose rows may never be deleted, or never deleted nor changed
 * (their names' triggers: table_no_delete, _no_truncate, _no_update). */
#define NO_DELETE(table, msg)                                                  \
  REFUSE(table "_no_delete", "DELETE", table, msg)                             \
  REFUSE_TRUNCATE(table "_no_truncate", table, msg)
#define APPEND_ONLY(table, no_update, no_delete)                               \
  REFUSE(table "_no_update", "UPDATE", table, no_update)                       \
  NO_DELETE(table, no_delete)

/* The tallies counted from the applications (steps 3 and 4, and the end of
 * PostgreSQL's bulk load). */
#define FILL_TALLY                                                             \
  "INSERT INTO agency_tally SELECT agency_id, COUNT(*), " COUNT_OPEN           \
  " FROM application GROUP BY agency_id;"
/* agency_tree_tally from agency_tally (step 15, and the end of
 * PostgreSQL's bulk load) */
#define FILL_TREE_TALLY                                                        \
  "INSERT INTO agency_tree_tally SELECT t.ancestor, SUM(c.applications),"      \
  " SUM(c.open) FROM agency_tree t JOIN agency_tally c"                        \
  " ON c.agency_id = t.descendant GROUP BY t.ancestor;"
/* Adds one application (the row NEW or OLD, sign 1 or -1) to
 * agency_tree_tally at its agency and every agency above it (TALLY_AS:
 * the row's name in the upsert, which each dialect takes otherwise). */
#define TREE_TALLY(row, sign)                                                  \
  " INSERT INTO agency_tree_tally" TALLY_AS(" AS t") " SELECT ancestor, "      \
  sign ", CASE WHEN " row ".final_date IS NULL THEN " sign " ELSE 0 END"       \
  " FROM agency_tree WHERE descendant = " row ".agency_id ORDER BY ancestor"   \
  " ON CONFLICT (agency_id) DO UPDATE SET"                                     \
  " applications = " TALLY_AS("t.") "applications + excluded.applications,"    \
  " open = " TALLY_AS("t.") "open + excluded.open;"
#define FILL_MIX                                                               \
  "INSERT INTO application_mix SELECT agency_id, category,"                    \
  " COALESCE(final_outcome, ''), COUNT(*), " COUNT_OPEN                        \
  " FROM application GROUP BY 1, 2, 3;"

/* The date an event reached its addressee: its first delivery not voided
 * (step 14's event.delivered), or NULL; ev an expression of the event's id. */
#define FIRST_DELIVERY(ev)                                                     \
  "(SELECT MIN(date) FROM delivery WHERE event_id = " ev                       \
  " AND void_reason IS NULL)"
#define DELIVERED_REFUSED "送达日期由送达记录决定，不能直接修改"

/* ## SQLite */

#define ID "id INTEGER PRIMARY KEY"
#define INT "INTEGER"
#define BLOB "BLOB"
#define DATE_CHECK(c)                                                          \
  "CHECK (" c " GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')"
#define WITHOUT_ROWID " WITHOUT ROWID"
#define COUNT_OPEN "SUM(final_date IS NULL)"
#define REFUSE(name, when, table, msg)                                         \
  "CREATE TRIGGER " name " BEFORE " when " ON " table                          \
  " BEGIN SELECT RAISE(ABORT, '" msg "'); END;"
#define REFUSE_IF(name, when, table, cond, msg)                                \
  "CREATE TRIGGER " name " BEFORE " when " ON " table " WHEN " cond            \
  " BEGIN SELECT RAISE(ABORT, '" msg "'); END;"
#define REFUSE_TRUNCATE(name, table, msg)
#define DROP_TRIGGER(name, table) "DROP TRIGGER " name ";"
#define SQLITE(text) text
#define PG(text)
#define TALLY_AS(text)

// clang-format off
const char *const STORE_SQLITE_MIGRATIONS[] = {
#include "store_schema.def"
};
// clang-format on
const int STORE_SQLITE_N_MIGRATIONS =
    (int)(sizeof STORE_SQLITE_MIGRATIONS / sizeof STORE_SQLITE_MIGRATIONS[0]);

#undef ID
#undef INT
#undef BLOB
#undef DATE_CHECK
#undef WITHOUT_ROWID
#undef COUNT_OPEN
#undef REFUSE
#undef REFUSE_IF
#undef REFUSE_TRUNCATE
#undef DROP_TRIGGER
#undef SQLITE
#undef PG
#undef TALLY_AS

/* ## PostgreSQL */

#define ID "id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"
#define INT "BIGINT"
#define BLOB "BYTEA"
#define DATE_CHECK(c) "CHECK (" c " ~ '^[12][0-9]{3}-[01][0-9]-[0-3][0-9]$')"
#define WITHOUT_ROWID ""
#define COUNT_OPEN "COUNT(*) FILTER (WHERE final_date IS NULL)"
#define REFUSE(name, when, table, msg)                                         \
  "CREATE TRIGGER " name " BEFORE " when " ON " table                          \
  " FOR EACH ROW EXECUTE FUNCTION xxgk_refuse('" msg "');"
#define REFUSE_IF(name, when, table, cond, msg)                                \
  "CREATE TRIGGER " name " BEFORE " when " ON " table                          \
  " FOR EACH ROW WHEN (" cond ") EXECUTE FUNCTION xxgk_refuse('" msg "');"
#define REFUSE_TRUNCATE(name, table, msg)                                      \
  "CREATE TRIGGER " name " BEFORE TRUNCATE ON " table                          \
  " FOR EACH STATEMENT EXECUTE FUNCTION xxgk_refuse('" msg "');"
#define DROP_TRIGGER(name, table) "DROP TRIGGER " name " ON " table ";"
#define SQLITE(text)
#define PG(text) text
#define TALLY_AS(text) text

/* Adds one application to agency_tally and application_mix (the row NEW or
 * OLD, sign +1 or -1): the tallies' one body for insert and update. */
#define TALLY(row, sign)                                                       \
  " INSERT INTO agency_tally AS t VALUES (" row ".agency_id, " sign ","        \
  " CASE WHEN " row ".final_date IS NULL THEN " sign " ELSE 0 END)"            \
  " ON CONFLICT (agency_id) DO UPDATE SET"                                     \
  " applications = t.applications + excluded.applications,"                    \
  " open = t.open + excluded.open;"                                            \
  " INSERT INTO application_mix AS m VALUES (" row ".agency_id,"               \
  " " row ".category, COALESCE(" row ".final_outcome, ''), " sign ","          \
  " CASE WHEN " row ".final_date IS NULL THEN " sign " ELSE 0 END)"            \
  " ON CONFLICT (agency_id, category, outcome) DO UPDATE SET"                  \
  " applications = m.applications + excluded.applications,"                    \
  " open = m.open + excluded.open;"

// clang-format off
const char *const STORE_PG_MIGRATIONS[] = {
#include "store_schema.def"
};
// clang-format on
const int STORE_PG_N_MIGRATIONS =
    (int)(sizeof STORE_PG_MIGRATIONS / sizeof STORE_PG_MIGRATIONS[0]);

/* A bulk load (store.h's bulk): the triggers that keep the final event on
 * its application and the tallies row by row suspended (in the loading
 * transaction only: ALTER TABLE is transactional), then restored and the
 * tallies counted afresh. */
const char STORE_PG_BULK_BEGIN[] =
    "ALTER TABLE application DISABLE TRIGGER application_tally,"
    " DISABLE TRIGGER application_retally,"
    " DISABLE TRIGGER application_tree_tally,"
    " DISABLE TRIGGER application_tree_retally;"
    "ALTER TABLE event DISABLE TRIGGER event_final";
const char STORE_PG_BULK_END[] =
    "ALTER TABLE application ENABLE TRIGGER application_tally,"
    " ENABLE TRIGGER application_retally,"
    " ENABLE TRIGGER application_tree_tally,"
    " ENABLE TRIGGER application_tree_retally;"
    "ALTER TABLE event ENABLE TRIGGER event_final;"
    "DELETE FROM agency_tally;" FILL_TALLY
    "DELETE FROM application_mix;" FILL_MIX
    "DELETE FROM agency_tree_tally;" FILL_TREE_TALLY
    /* The planner's statistics for what was just loaded: until autovacuum
     * comes round, PostgreSQL would plan the copied tables as if empty and
     * choose scans that take seconds where an index takes a millisecond. */
    "ANALYZE;";
