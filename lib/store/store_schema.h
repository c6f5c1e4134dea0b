/*
 * store_schema.h — the parts of the migrations that both backends write
 * alike (indexes and plain columns), so that the two schemas cannot drift
 * where nothing obliges them to differ. Each backend's file keeps the rest
 * in its own dialect; the step numbers are the same in both.
 */
#ifndef XXGK_STORE_SCHEMA_H
#define XXGK_STORE_SCHEMA_H

/* Step 3's indexes: the next tracking number past 99999, the list in its
 * order, the report's applications, the year's fee events. */
#define SCHEMA_3_INDEXES                                                       \
  "CREATE INDEX application_tracking_length ON application"                    \
  " (length(tracking), tracking);"                                             \
  "CREATE INDEX application_list ON application"                               \
  " (received, id, agency_id, final_date);"                                    \
  "CREATE INDEX application_year ON application"                               \
  " (agency_id, final_date, received, category, final_outcome);"               \
  "CREATE INDEX event_fee ON event (date, application_id, kind, amount)"       \
  " WHERE kind IN ('fee_notice', 'fee_paid');"

/* Step 4's: an index per filter of the list. */
#define SCHEMA_4_INDEXES                                                       \
  "CREATE INDEX application_category ON application"                           \
  " (category, received, id, agency_id, final_date, final_outcome);"           \
  "CREATE INDEX application_outcome ON application"                            \
  " (final_outcome, received, id, agency_id, final_date, category);"

/* Step 5's: a voided final event or extension no longer counts as one. */
#define SCHEMA_5_INDEXES                                                       \
  "DROP INDEX event_one_final;"                                                \
  "CREATE UNIQUE INDEX event_one_final ON event (application_id)"              \
  " WHERE kind IN ('reply', 'withdrawn', 'fee_lapsed') AND voided IS NULL;"    \
  "DROP INDEX event_one_extension;"                                            \
  "CREATE UNIQUE INDEX event_one_extension ON event (application_id)"          \
  " WHERE kind = 'extended' AND voided IS NULL;"                               \
  "DROP INDEX event_fee;"                                                      \
  "CREATE INDEX event_fee ON event (date, application_id, kind, amount)"       \
  " WHERE kind IN ('fee_notice', 'fee_paid') AND voided IS NULL;"

/* Step 8, whole: the 承办人 and the work queue's partial index. */
#define SCHEMA_8                                                               \
  "ALTER TABLE application ADD COLUMN clerk TEXT;"                             \
  "CREATE INDEX application_queue ON application (agency_id, clerk)"           \
  " WHERE final_date IS NULL;"

/* Step 11: a note on a cell (its dictionary key), and the units that keep
 * no register. */
#define SCHEMA_11                                                              \
  "ALTER TABLE round_note ADD COLUMN cell TEXT;"                               \
  "ALTER TABLE agency ADD COLUMN no_register INTEGER NOT NULL DEFAULT 0;"

/* 12: an applicant's earlier applications by name, for those registered
 * without an identity number (legal persons, and people who gave none):
 * the check for a repeated application (条例第三十六条第六项) runs on every
 * registration, and without this index it read every such application of
 * the agency, so registering the n-th cost n. */
#define SCHEMA_12                                                              \
  "CREATE INDEX application_applicant_name ON application"                     \
  " (agency_id, applicant_name, received) WHERE applicant_id IS NULL;"

/* STORE_SQLITE_MIGRATIONS[i] takes SQLite's schema from version i to i + 1
 * (store_pg.h has PostgreSQL's); tests apply a prefix to make a register of
 * an old version. */
extern const char *const STORE_SQLITE_MIGRATIONS[];
extern const int STORE_SQLITE_N_MIGRATIONS;

#endif
