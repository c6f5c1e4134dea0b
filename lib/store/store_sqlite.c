/*
 * store_sqlite.c — the SQLite backend of store.h: one database file in WAL
 * mode with foreign keys on and synchronous=FULL (a committed command
 * survives a power cut), a busy timeout for a second clerk, versioned
 * schema migrations applied on open (PRAGMA user_version), and a small
 * cache of prepared statements. Every parameter is bound, never spliced.
 *
 * The schema keeps what the register must never lose append-only in the
 * database itself: triggers RAISE on UPDATE or DELETE of the audit log, and
 * on DELETE of applications and events, and on an INSERT that would
 * REPLACE a row of these (migration 6); partial unique indexes allow one
 * final event and one extension per application.
 */
#include "internal.h"
#include "store.h"
#include "store_schema.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ## Migrations: MIGRATIONS[i] takes the schema from version i to i + 1.
 * Append only; never edit a released step. */

#define DATE_CHECK(c)                                                          \
  "CHECK (" c " GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')"

const char *const STORE_SQLITE_MIGRATIONS[] = {
    /* 1: the register */
    "CREATE TABLE agency ("
    " id INTEGER PRIMARY KEY,"
    " parent_id INTEGER REFERENCES agency(id),"
    " name TEXT NOT NULL UNIQUE);"
    "CREATE TABLE agency_user ("
    " id INTEGER PRIMARY KEY,"
    " agency_id INTEGER NOT NULL REFERENCES agency(id),"
    " name TEXT NOT NULL,"
    " UNIQUE (agency_id, name));"
    "CREATE TABLE application ("
    " id INTEGER PRIMARY KEY,"
    " agency_id INTEGER NOT NULL REFERENCES agency(id),"
    " tracking TEXT NOT NULL UNIQUE,"
    " channel TEXT NOT NULL,"
    " received TEXT NOT NULL " DATE_CHECK("received") ","
    " category TEXT NOT NULL,"
    " applicant_name TEXT NOT NULL,"
    " applicant_id TEXT,"
    " applicant_contact TEXT,"
    " content TEXT NOT NULL,"
    " delivery TEXT);"
    "CREATE INDEX application_agency ON application (agency_id, received);"
    "CREATE INDEX application_applicant ON application"
    " (agency_id, applicant_id, received);"
    "CREATE TABLE event ("
    " id INTEGER PRIMARY KEY,"
    " application_id INTEGER NOT NULL REFERENCES application(id),"
    " kind TEXT NOT NULL,"
    " date TEXT NOT NULL " DATE_CHECK("date") ","
    " outcome TEXT,"
    " basis TEXT,"
    " note TEXT,"
    " fee_method TEXT,"
    " quantity INTEGER,"
    " amount INTEGER);"
    "CREATE INDEX event_application ON event (application_id, date, id);"
    "CREATE UNIQUE INDEX event_one_final ON event (application_id)"
    " WHERE kind IN ('reply', 'withdrawn', 'fee_lapsed');"
    "CREATE UNIQUE INDEX event_one_extension ON event (application_id)"
    " WHERE kind = 'extended';"
    "CREATE TABLE review ("
    " id INTEGER PRIMARY KEY,"
    " agency_id INTEGER NOT NULL REFERENCES agency(id),"
    " kind TEXT NOT NULL,"
    " filed TEXT NOT NULL " DATE_CHECK("filed") ","
    " result TEXT NOT NULL DEFAULT 'pending',"
    " decided TEXT,"
    " note TEXT);"
    "CREATE TABLE review_application ("
    " id INTEGER PRIMARY KEY,"
    " review_id INTEGER NOT NULL REFERENCES review(id),"
    " application_id INTEGER NOT NULL REFERENCES application(id),"
    " UNIQUE (review_id, application_id));"
    "CREATE TABLE record ("
    " id INTEGER PRIMARY KEY,"
    " agency_id INTEGER NOT NULL REFERENCES agency(id),"
    " kind TEXT NOT NULL,"
    " title TEXT NOT NULL,"
    " number TEXT,"
    " issued TEXT NOT NULL " DATE_CHECK("issued") ","
    " repealed TEXT);"
    "CREATE TABLE figure ("
    " id INTEGER PRIMARY KEY,"
    " agency_id INTEGER NOT NULL REFERENCES agency(id),"
    " year INTEGER NOT NULL,"
    " item TEXT NOT NULL,"
    " value TEXT NOT NULL,"
    " UNIQUE (agency_id, year, item));"
    "CREATE TABLE audit ("
    " id INTEGER PRIMARY KEY,"
    " at TEXT NOT NULL,"
    " who TEXT NOT NULL,"
    " action TEXT NOT NULL,"
    " entity TEXT NOT NULL,"
    " entity_id INTEGER,"
    " before TEXT,"
    " after TEXT);"
    "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN"
    " SELECT RAISE(ABORT, '审计日志只能追加，不能修改'); END;"
    "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN"
    " SELECT RAISE(ABORT, '审计日志只能追加，不能删除'); END;"
    "CREATE TRIGGER application_no_delete BEFORE DELETE ON application BEGIN"
    " SELECT RAISE(ABORT, '申请登记不能删除'); END;"
    "CREATE TRIGGER event_no_delete BEFORE DELETE ON event BEGIN"
    " SELECT RAISE(ABORT, '办理记录不能删除'); END;"
    "CREATE TRIGGER event_no_update BEFORE UPDATE ON event BEGIN"
    " SELECT RAISE(ABORT, '办理记录不能修改'); END;",
    /* 2: the web application: logins with Argon2id password
     * hashes, the applicant's secret code of an application registered
     * online (only its hash), and the report's narrative parts. */
    "ALTER TABLE agency_user ADD COLUMN login TEXT;"
    "ALTER TABLE agency_user ADD COLUMN password TEXT;"
    "CREATE UNIQUE INDEX agency_user_login ON agency_user (login)"
    " WHERE login IS NOT NULL;"
    "CREATE TABLE application_code ("
    " id INTEGER PRIMARY KEY,"
    " application_id INTEGER NOT NULL UNIQUE REFERENCES application(id),"
    " code_hash TEXT NOT NULL);"
    "CREATE TABLE narrative ("
    " id INTEGER PRIMARY KEY,"
    " agency_id INTEGER NOT NULL REFERENCES agency(id),"
    " year INTEGER NOT NULL,"
    " section TEXT NOT NULL,"
    " text TEXT NOT NULL,"
    " UNIQUE (agency_id, year, section));",
    /* 3: speed. Each application's final event is copied onto
     * its row by a trigger, so the list and the report read no events;
     * agency_tally counts each agency's applications and open ones, kept
     * by triggers, so a list's total is not a count of every row;
     * agency_tree holds every (agency, unit at any depth) pair, kept by a
     * trigger (an agency's parent never changes), so "an agency and its
     * units" is an index look-up rather than a recursive query; indexes in
     * the list's order (newest receipt first), for the report (an agency's
     * open applications and those closed from a date on) and for the next
     * tracking number past 99999 (lib/register/reg_case.c). */
    "ALTER TABLE application ADD COLUMN final_kind TEXT;"
    "ALTER TABLE application ADD COLUMN final_date TEXT;"
    "ALTER TABLE application ADD COLUMN final_outcome TEXT;"
    "UPDATE application SET (final_kind, final_date, final_outcome) ="
    " (SELECT kind, date, outcome FROM event e"
    " WHERE e.application_id = application.id"
    " AND e.kind IN ('reply', 'withdrawn', 'fee_lapsed'));"
    "CREATE TRIGGER event_final AFTER INSERT ON event"
    " WHEN NEW.kind IN ('reply', 'withdrawn', 'fee_lapsed') BEGIN"
    " UPDATE application SET final_kind = NEW.kind, final_date = NEW.date,"
    " final_outcome = NEW.outcome WHERE id = NEW.application_id; END;"
    "CREATE TABLE agency_tally ("
    " agency_id INTEGER PRIMARY KEY REFERENCES agency(id),"
    " applications INTEGER NOT NULL,"
    " open INTEGER NOT NULL);"
    "INSERT INTO agency_tally SELECT agency_id, COUNT(*),"
    " SUM(final_date IS NULL) FROM application GROUP BY agency_id;"
    "CREATE TRIGGER application_tally AFTER INSERT ON application BEGIN"
    " INSERT INTO agency_tally VALUES (NEW.agency_id, 1,"
    " NEW.final_date IS NULL) ON CONFLICT (agency_id) DO UPDATE SET"
    " applications = applications + 1, open = open + excluded.open; END;"
    "CREATE TRIGGER application_retally AFTER UPDATE OF agency_id, final_date"
    " ON application BEGIN"
    " UPDATE agency_tally SET applications = applications - 1,"
    " open = open - (OLD.final_date IS NULL) WHERE agency_id = OLD.agency_id;"
    " INSERT INTO agency_tally VALUES (NEW.agency_id, 1,"
    " NEW.final_date IS NULL) ON CONFLICT (agency_id) DO UPDATE SET"
    " applications = applications + 1, open = open + excluded.open; END;"
    "CREATE TABLE agency_tree ("
    " ancestor INTEGER NOT NULL REFERENCES agency(id),"
    " descendant INTEGER NOT NULL REFERENCES agency(id),"
    " PRIMARY KEY (ancestor, descendant)) WITHOUT ROWID;"
    "WITH RECURSIVE t(ancestor, descendant) AS (SELECT id, id FROM agency"
    " UNION ALL SELECT t.ancestor, c.id FROM agency c"
    " JOIN t ON c.parent_id = t.descendant)"
    " INSERT INTO agency_tree SELECT ancestor, descendant FROM t;"
    "CREATE TRIGGER agency_tree_add AFTER INSERT ON agency BEGIN"
    " INSERT INTO agency_tree SELECT ancestor, NEW.id FROM agency_tree"
    " WHERE descendant = NEW.parent_id;"
    " INSERT INTO agency_tree VALUES (NEW.id, NEW.id); END;"
    "CREATE TRIGGER agency_no_move BEFORE UPDATE OF id, parent_id ON agency"
    " BEGIN SELECT RAISE(ABORT, '机关的上级单位不能修改'); END;"
    SCHEMA_3_INDEXES,
    /* 4: the filtered lists. An index per filter, in the list's
     * order after it and holding the other filters' columns, so a page of
     * applicants of one kind or of one outcome reads only those and a
     * total with dates counts index entries (dates alone are served by
     * application_list); application_mix, each agency's applications and
     * open ones by applicant column and outcome ('' while open, and for a
     * withdrawal or a lapsed fee), kept by triggers as agency_tally is, so
     * a total by those filters alone is a few rows' sum;
     * application_text, a trigram index of the tracking
     * number, the applicant's name and the content (external content: the
     * text stays in application only, and the export does not name it),
     * kept by triggers, so a search of three characters or more reads its
     * matches rather than every row. Case-sensitive, as instr() is. */
    SCHEMA_4_INDEXES
    "CREATE TABLE application_mix ("
    " agency_id INTEGER NOT NULL REFERENCES agency(id),"
    " category TEXT NOT NULL,"
    " outcome TEXT NOT NULL,"
    " applications INTEGER NOT NULL,"
    " open INTEGER NOT NULL,"
    " PRIMARY KEY (agency_id, category, outcome)) WITHOUT ROWID;"
    "INSERT INTO application_mix SELECT agency_id, category,"
    " COALESCE(final_outcome, ''), COUNT(*), SUM(final_date IS NULL)"
    " FROM application GROUP BY 1, 2, 3;"
    "CREATE TRIGGER application_mix_add AFTER INSERT ON application BEGIN"
    " INSERT INTO application_mix VALUES (NEW.agency_id, NEW.category,"
    " COALESCE(NEW.final_outcome, ''), 1, NEW.final_date IS NULL)"
    " ON CONFLICT (agency_id, category, outcome) DO UPDATE SET"
    " applications = applications + 1, open = open + excluded.open; END;"
    "CREATE TRIGGER application_mix_change AFTER UPDATE OF agency_id,"
    " category, final_date, final_outcome ON application BEGIN"
    " UPDATE application_mix SET applications = applications - 1,"
    " open = open - (OLD.final_date IS NULL) WHERE agency_id = OLD.agency_id"
    " AND category = OLD.category"
    " AND outcome = COALESCE(OLD.final_outcome, '');"
    " INSERT INTO application_mix VALUES (NEW.agency_id, NEW.category,"
    " COALESCE(NEW.final_outcome, ''), 1, NEW.final_date IS NULL)"
    " ON CONFLICT (agency_id, category, outcome) DO UPDATE SET"
    " applications = applications + 1, open = open + excluded.open; END;"
    "CREATE VIRTUAL TABLE application_text USING fts5(tracking,"
    " applicant_name, content, content='application', content_rowid='id',"
    " tokenize='trigram case_sensitive 1');"
    "INSERT INTO application_text (application_text) VALUES ('rebuild');"
    "CREATE TRIGGER application_text_add AFTER INSERT ON application BEGIN"
    " INSERT INTO application_text (rowid, tracking, applicant_name, content)"
    " VALUES (NEW.id, NEW.tracking, NEW.applicant_name, NEW.content); END;"
    "CREATE TRIGGER application_text_change AFTER UPDATE OF id, tracking,"
    " applicant_name, content ON application BEGIN"
    " INSERT INTO application_text (application_text, rowid, tracking,"
    " applicant_name, content) VALUES ('delete', OLD.id, OLD.tracking,"
    " OLD.applicant_name, OLD.content);"
    " INSERT INTO application_text (rowid, tracking, applicant_name, content)"
    " VALUES (NEW.id, NEW.tracking, NEW.applicant_name, NEW.content); END;",
    /* 5: procedure and corrections. holiday: the notices a user imported
     * (xxgk calendar import), loaded over the bundled calendar on open.
     * event.until: the period an office sets (补正期限, art. 35's longer
     * period); event.warning: what the rules warned of when it was
     * recorded (a judgment the law leaves to the office); event.late: a
     * reply after its deadline (逾期答复); event.voided: the event_void
     * row that withdrew it — an event is never changed or deleted, it is
     * voided once with a reason, and a voided final event or extension no
     * longer counts as one (the partial unique indexes skip it).
     * application.warning: likewise for an application (重复申请);
     * audit.reason: why a correction was made. */
    "CREATE TABLE holiday ("
    " id INTEGER PRIMARY KEY,"
    " date TEXT NOT NULL UNIQUE " DATE_CHECK("date") ","
    " kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),"
    " name TEXT NOT NULL);"
    "ALTER TABLE event ADD COLUMN until TEXT;"
    "ALTER TABLE event ADD COLUMN warning TEXT;"
    "ALTER TABLE event ADD COLUMN late INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE event ADD COLUMN voided INTEGER;"
    "ALTER TABLE application ADD COLUMN warning TEXT;"
    "ALTER TABLE audit ADD COLUMN reason TEXT;"
    "CREATE TABLE event_void ("
    " id INTEGER PRIMARY KEY,"
    " event_id INTEGER NOT NULL UNIQUE REFERENCES event(id),"
    " reason TEXT NOT NULL,"
    " at TEXT NOT NULL,"
    " who TEXT NOT NULL);"
    "CREATE TRIGGER event_void_no_update BEFORE UPDATE ON event_void BEGIN"
    " SELECT RAISE(ABORT, '作废记录不能修改'); END;"
    "CREATE TRIGGER event_void_no_delete BEFORE DELETE ON event_void BEGIN"
    " SELECT RAISE(ABORT, '作废记录不能删除'); END;"
    "DROP TRIGGER event_no_update;"
    "CREATE TRIGGER event_no_update BEFORE UPDATE OF id, application_id,"
    " kind, date, outcome, basis, note, fee_method, quantity, amount, until,"
    " warning, late ON event BEGIN"
    " SELECT RAISE(ABORT, '办理记录不能修改'); END;"
    "CREATE TRIGGER event_void_once BEFORE UPDATE OF voided ON event"
    " WHEN OLD.voided IS NOT NULL OR NEW.voided IS NULL BEGIN"
    " SELECT RAISE(ABORT, '办理记录只能作废一次，作废后不能恢复'); END;"
    SCHEMA_5_INDEXES,
    /* 6: append-only against REPLACE. A conflict resolved by REPLACE
     * deletes the old row without firing its DELETE trigger (SQLite does
     * so only with recursive_triggers, a setting of the connection that
     * any other client leaves off), so "INSERT OR REPLACE INTO audit" with
     * an existing id, or a second reply replacing the first through the
     * one-final index, rewrote what may only grow. These guards refuse an
     * INSERT (of any conflict clause, and upserts) into audit, event,
     * event_void or application that meets an existing row on a unique
     * key, and an UPDATE of application's keys onto another row's. */
    "CREATE TRIGGER audit_no_replace BEFORE INSERT ON audit"
    " WHEN EXISTS (SELECT 1 FROM audit WHERE id = NEW.id) BEGIN"
    " SELECT RAISE(ABORT, '审计日志只能追加，不能覆盖'); END;"
    "CREATE TRIGGER event_no_replace BEFORE INSERT ON event"
    " WHEN EXISTS (SELECT 1 FROM event WHERE id = NEW.id)"
    " OR (NEW.kind IN ('reply', 'withdrawn', 'fee_lapsed')"
    " AND NEW.voided IS NULL AND EXISTS (SELECT 1 FROM event"
    " WHERE application_id = NEW.application_id AND voided IS NULL"
    " AND kind IN ('reply', 'withdrawn', 'fee_lapsed')))"
    " OR (NEW.kind = 'extended' AND NEW.voided IS NULL AND EXISTS (SELECT 1"
    " FROM event WHERE application_id = NEW.application_id"
    " AND kind = 'extended' AND voided IS NULL))"
    " BEGIN SELECT RAISE(ABORT, '办理记录只能追加，不能覆盖'); END;"
    "CREATE TRIGGER event_void_no_replace BEFORE INSERT ON event_void"
    " WHEN EXISTS (SELECT 1 FROM event_void WHERE id = NEW.id"
    " OR event_id = NEW.event_id) BEGIN"
    " SELECT RAISE(ABORT, '作废记录只能追加，不能覆盖'); END;"
    "CREATE TRIGGER application_no_replace BEFORE INSERT ON application"
    " WHEN EXISTS (SELECT 1 FROM application WHERE id = NEW.id"
    " OR tracking = NEW.tracking) BEGIN"
    " SELECT RAISE(ABORT, '申请登记不能覆盖：编号或受理编号已存在'); END;"
    "CREATE TRIGGER application_no_replace_key BEFORE UPDATE OF id, tracking"
    " ON application WHEN EXISTS (SELECT 1 FROM application"
    " WHERE (id = NEW.id OR tracking = NEW.tracking) AND id <> OLD.id) BEGIN"
    " SELECT RAISE(ABORT, '申请登记不能覆盖：编号或受理编号已存在'); END;",
    /* 7: the office's round of annual reports (年报报送/审核). round: an
     * office's year and deadline; round_unit: each unit's place in it,
     * its state and the latest version's counts and score kept on the row
     * (the board reads one row a unit, never the versions); round_version:
     * every report a unit put in, never changed — the canonical JSON of
     * what was read, the original file (base64) and its SHA-256, the
     * findings as checked then and what changed from the version before;
     * round_note: a unit's answer to a finding or the office's comment,
     * never changed either. */
    "CREATE TABLE round ("
    " id INTEGER PRIMARY KEY,"
    " office_id INTEGER NOT NULL REFERENCES agency(id),"
    " year INTEGER NOT NULL,"
    " due TEXT NOT NULL " DATE_CHECK("due") ","
    " opened TEXT NOT NULL,"
    " UNIQUE (office_id, year));"
    "CREATE TABLE round_unit ("
    " id INTEGER PRIMARY KEY,"
    " round_id INTEGER NOT NULL REFERENCES round(id),"
    " agency_id INTEGER NOT NULL REFERENCES agency(id),"
    " state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending',"
    " 'submitted', 'errors', 'returned', 'approved', 'published')),"
    " version INTEGER NOT NULL DEFAULT 0,"
    " submitted TEXT,"
    " submitted_day TEXT,"
    " errors INTEGER NOT NULL DEFAULT 0,"
    " warnings INTEGER NOT NULL DEFAULT 0,"
    " notices INTEGER NOT NULL DEFAULT 0,"
    " score INTEGER,"
    " corpus_id INTEGER,"
    " UNIQUE (round_id, agency_id));"
    "CREATE TABLE round_version ("
    " id INTEGER PRIMARY KEY,"
    " unit_id INTEGER NOT NULL REFERENCES round_unit(id),"
    " version INTEGER NOT NULL,"
    " at TEXT NOT NULL,"
    " who TEXT NOT NULL,"
    " source TEXT NOT NULL,"
    " sha256 TEXT NOT NULL,"
    " original TEXT,"
    " doc TEXT NOT NULL,"
    " findings TEXT NOT NULL,"
    " quality TEXT,"
    " changes TEXT,"
    " errors INTEGER NOT NULL,"
    " warnings INTEGER NOT NULL,"
    " notices INTEGER NOT NULL,"
    " score INTEGER,"
    " UNIQUE (unit_id, version));"
    "CREATE TABLE round_note ("
    " id INTEGER PRIMARY KEY,"
    " version_id INTEGER NOT NULL REFERENCES round_version(id),"
    " finding INTEGER,"
    " side TEXT NOT NULL CHECK (side IN ('unit', 'office')),"
    " at TEXT NOT NULL,"
    " who TEXT NOT NULL,"
    " text TEXT NOT NULL);"
    "CREATE TRIGGER round_version_no_update BEFORE UPDATE ON round_version"
    " BEGIN SELECT RAISE(ABORT, '报送的版本不能修改'); END;"
    "CREATE TRIGGER round_version_no_delete BEFORE DELETE ON round_version"
    " BEGIN SELECT RAISE(ABORT, '报送的版本不能删除'); END;"
    "CREATE TRIGGER round_note_no_update BEFORE UPDATE ON round_note"
    " BEGIN SELECT RAISE(ABORT, '意见不能修改'); END;"
    "CREATE TRIGGER round_note_no_delete BEFORE DELETE ON round_note"
    " BEGIN SELECT RAISE(ABORT, '意见不能删除'); END;"
    /* As for the audit (6): REPLACE deletes without the DELETE triggers,
     * so an insert that meets an existing row is refused. */
    "CREATE TRIGGER round_version_no_replace BEFORE INSERT ON round_version"
    " WHEN EXISTS (SELECT 1 FROM round_version WHERE id = NEW.id"
    " OR (unit_id = NEW.unit_id AND version = NEW.version)) BEGIN"
    " SELECT RAISE(ABORT, '报送的版本不能覆盖'); END;"
    "CREATE TRIGGER round_note_no_replace BEFORE INSERT ON round_note"
    " WHEN EXISTS (SELECT 1 FROM round_note WHERE id = NEW.id) BEGIN"
    " SELECT RAISE(ABORT, '意见不能覆盖'); END;",
    /* 8: application.clerk, the 承办人 an application is assigned to (a
     * user's name, or NULL); the work queue reads an agency's open
     * applications, by clerk or all, through the partial index. */
    SCHEMA_8,
    /* 9: files and deliveries kept with an application, and the
     * calendar's generation. attachment: a file (the signed reply, a scan
     * of the 送达回证, the applicant's proof of identity) with its SHA-256,
     * size, media type and original name, its bytes a BLOB. delivery: how and when a document
     * reached its addressee (method, postal number, date). Both are
     * append-only like events: never deleted, never changed but voided
     * once with a reason (the void_* columns). generation: a counter per
     * shared setting that other connections reload when it moves — each
     * holiday row written moves 'calendar'. */
    "CREATE TABLE attachment ("
    " id INTEGER PRIMARY KEY,"
    " application_id INTEGER NOT NULL REFERENCES application(id),"
    " event_id INTEGER REFERENCES event(id),"
    " kind TEXT NOT NULL CHECK (kind IN ('identity', 'signed', 'receipt',"
    " 'other')),"
    " name TEXT NOT NULL,"
    " media_type TEXT NOT NULL,"
    " size INTEGER NOT NULL CHECK (size > 0),"
    " sha256 TEXT NOT NULL CHECK (length(sha256) = 64),"
    " at TEXT NOT NULL,"
    " who TEXT NOT NULL,"
    " void_reason TEXT,"
    " void_at TEXT,"
    " void_by TEXT,"
    /* the bytes last: SQLite reads a row's columns in order, so a list of
     * the files never reads through a file's overflow pages */
    " content BLOB NOT NULL);"
    "CREATE INDEX attachment_application ON attachment (application_id, id);"
    "CREATE TABLE delivery ("
    " id INTEGER PRIMARY KEY,"
    " event_id INTEGER NOT NULL REFERENCES event(id),"
    " method TEXT NOT NULL CHECK (method IN ('邮寄', '当面', '电子邮件',"
    " '在线', '其他')),"
    " number TEXT,"
    " date TEXT NOT NULL " DATE_CHECK("date") ","
    " note TEXT,"
    " at TEXT NOT NULL,"
    " who TEXT NOT NULL,"
    " void_reason TEXT,"
    " void_at TEXT,"
    " void_by TEXT);"
    "CREATE INDEX delivery_event ON delivery (event_id, date);"
    "CREATE TRIGGER attachment_no_delete BEFORE DELETE ON attachment BEGIN"
    " SELECT RAISE(ABORT, '附件不能删除，只能作废'); END;"
    "CREATE TRIGGER attachment_no_update BEFORE UPDATE ON attachment"
    " WHEN OLD.void_reason IS NOT NULL OR NEW.void_reason IS NULL"
    " OR NEW.id IS NOT OLD.id OR NEW.application_id IS NOT OLD.application_id"
    " OR NEW.event_id IS NOT OLD.event_id OR NEW.kind IS NOT OLD.kind"
    " OR NEW.name IS NOT OLD.name OR NEW.media_type IS NOT OLD.media_type"
    " OR NEW.size IS NOT OLD.size OR NEW.sha256 IS NOT OLD.sha256"
    " OR NEW.content IS NOT OLD.content OR NEW.at IS NOT OLD.at"
    " OR NEW.who IS NOT OLD.who BEGIN"
    " SELECT RAISE(ABORT, '附件不能修改，只能作废一次'); END;"
    "CREATE TRIGGER attachment_no_replace BEFORE INSERT ON attachment"
    " WHEN EXISTS (SELECT 1 FROM attachment WHERE id = NEW.id) BEGIN"
    " SELECT RAISE(ABORT, '附件只能追加，不能覆盖'); END;"
    "CREATE TRIGGER delivery_no_delete BEFORE DELETE ON delivery BEGIN"
    " SELECT RAISE(ABORT, '送达记录不能删除，只能作废'); END;"
    "CREATE TRIGGER delivery_no_update BEFORE UPDATE ON delivery"
    " WHEN OLD.void_reason IS NOT NULL OR NEW.void_reason IS NULL"
    " OR NEW.id IS NOT OLD.id OR NEW.event_id IS NOT OLD.event_id"
    " OR NEW.method IS NOT OLD.method OR NEW.number IS NOT OLD.number"
    " OR NEW.date IS NOT OLD.date OR NEW.note IS NOT OLD.note"
    " OR NEW.at IS NOT OLD.at OR NEW.who IS NOT OLD.who BEGIN"
    " SELECT RAISE(ABORT, '送达记录不能修改，只能作废一次'); END;"
    "CREATE TRIGGER delivery_no_replace BEFORE INSERT ON delivery"
    " WHEN EXISTS (SELECT 1 FROM delivery WHERE id = NEW.id) BEGIN"
    " SELECT RAISE(ABORT, '送达记录只能追加，不能覆盖'); END;"
    "CREATE TABLE generation ("
    " name TEXT PRIMARY KEY,"
    " value INTEGER NOT NULL);"
    "INSERT INTO generation (name, value) VALUES ('calendar', 0);"
    "CREATE TRIGGER holiday_generation_add AFTER INSERT ON holiday BEGIN"
    " UPDATE generation SET value = value + 1 WHERE name = 'calendar'; END;"
    "CREATE TRIGGER holiday_generation_change AFTER UPDATE ON holiday BEGIN"
    " UPDATE generation SET value = value + 1 WHERE name = 'calendar'; END;",
    /* 10: the web server's sessions and rate limits, in the register so
     * that a restart logs nobody out and several servers on one database
     * share them. web_session: the SHA-256 of the cookie's token (never the
     * token), the user, the CSRF token of his forms, when it began, was
     * last seen (written at most every few minutes, so a request is one
     * indexed read), and ends (idle or absolute, whichever comes first,
     * never later than `ends_by`), and the flash for the next page.
     * web_throttle: one token bucket per key (a hash of purpose, scope,
     * address or account; never the address itself), in thousandths of a
     * token, and when it is full again (`expires`): a full bucket is no
     * row, so expired rows are removed a few at a time by that index.
     * agency_parent: a session's user comes with the count of his
     * agency's units, on every request, which without it reads every
     * agency (a province's thousands). */
    "CREATE TABLE web_session ("
    " token_hash TEXT PRIMARY KEY,"
    " user_id INTEGER NOT NULL REFERENCES agency_user(id),"
    " csrf TEXT NOT NULL,"
    " created INTEGER NOT NULL,"
    " seen INTEGER NOT NULL,"
    " expires INTEGER NOT NULL,"
    " ends_by INTEGER NOT NULL,"
    " flash TEXT,"
    " flash_error INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX web_session_expires ON web_session (expires);"
    "CREATE TABLE web_throttle ("
    " key TEXT PRIMARY KEY,"
    " millitokens INTEGER NOT NULL,"
    " at INTEGER NOT NULL,"
    " expires INTEGER NOT NULL);"
    "CREATE INDEX web_throttle_expires ON web_throttle (expires);"
    "CREATE INDEX agency_parent ON agency (parent_id);",
    /* 11: a note on a cell (round_note.cell, the dictionary's key: the
     * office comments on a figure as well as on a finding), and the units
     * that keep no register (agency.no_register: in a round they upload
     * their report, there is no register to build it from). */
    SCHEMA_11,
    SCHEMA_12,
};
const int STORE_SQLITE_N_MIGRATIONS =
    (int)(sizeof STORE_SQLITE_MIGRATIONS / sizeof STORE_SQLITE_MIGRATIONS[0]);

#define N_CACHE 64
#define BUSY_MS 5000 /* how long a write waits for another's lock */

struct sqlite_store {
  struct store base;
  sqlite3 *db;
  struct {
    char *sql;          /* owned copy of the statement's text */
    sqlite3_stmt *stmt; /* prepared, reset after each use     */
  } cache[N_CACHE];
  int next_evict; /* round-robin victim when the cache is full */
};

static struct sqlite_store *S(struct store *s) {
  return (struct sqlite_store *)s;
}

/* A write the disk refused, said so that the user knows what to do:
 * SQLite's own words ("disk I/O error", "database or disk is full") name
 * neither the cause nor the remedy. The refused write never reaches the
 * WAL's commit frame, so the transaction is not stored; what was committed
 * before is untouched. Returns 0 if the last error is no such refusal. */
static int disk_refused(struct sqlite_store *q) {
  int code = sqlite3_extended_errcode(q->db);
  int sys = store_vfs_errno();
  const char *why, *fix;
  if (code == SQLITE_FULL || sys == ENOSPC) {
    why = "磁盘已满";
    fix = "请腾出磁盘空间";
  } else if ((code & 0xff) == SQLITE_IOERR && sys == EDQUOT) {
    why = "磁盘配额已用完";
    fix = "请腾出空间或提高配额";
  } else if ((code & 0xff) == SQLITE_IOERR && sys == EFBIG) {
    why = "文件超过了系统允许的大小";
    fix = "请放宽文件大小上限（ulimit -f）";
  } else {
    return 0;
  }
  const char *path = sqlite3_db_filename(q->db, "main");
  snprintf(q->base.err, sizeof q->base.err,
           "%s（%s），数据库 %.200s 写不进去：这次的改动没有保存，此前保存的"
           "数据完好；%s后重试",
           why, strerror(sys ? sys : ENOSPC), path && *path ? path : "", fix);
  return 1;
}

/* Another connection held the lock past the busy timeout: said in
 * Chinese, and flagged so that the caller can ask to retry (SQLite's
 * "database is locked" tells a clerk nothing). Returns 0 if not so. */
static int busy_refused(struct sqlite_store *q) {
  int code = sqlite3_extended_errcode(q->db) & 0xff;
  q->base.busy = code == SQLITE_BUSY || code == SQLITE_LOCKED;
  if (q->base.busy)
    snprintf(q->base.err, sizeof q->base.err,
             "登记簿正被另一项操作占用，等了 %d 秒仍未释放：这次的改动没有"
             "保存，请稍后重试",
             BUSY_MS / 1000);
  return q->base.busy;
}

static xxgk_status fail(struct sqlite_store *q, const char *what) {
  if (!q->db || !(busy_refused(q) || disk_refused(q)))
    snprintf(q->base.err, sizeof q->base.err, "%s: %s", what,
             q->db ? sqlite3_errmsg(q->db) : "out of memory");
  return XXGK_E_DB;
}

static void ss_close(struct store *s) {
  struct sqlite_store *q = S(s);
  for (int i = 0; i < N_CACHE; i++) {
    sqlite3_finalize(q->cache[i].stmt);
    free(q->cache[i].sql);
  }
  sqlite3_close(q->db);
  free(q);
}

static xxgk_status simple(struct sqlite_store *q, const char *sql) {
  char *msg = NULL;
  store_vfs_errno(); /* a refusal before (a checkpoint's) is not this one's */
  if (sqlite3_exec(q->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
    if (!busy_refused(q) && !disk_refused(q))
      snprintf(q->base.err, sizeof q->base.err, "%s", msg ? msg : "?");
    sqlite3_free(msg);
    return XXGK_E_DB;
  }
  return XXGK_OK;
}

static xxgk_status ss_begin(struct store *s, int write) {
  return simple(S(s), write ? "BEGIN IMMEDIATE" : "BEGIN");
}

static xxgk_status ss_commit(struct store *s) { return simple(S(s), "COMMIT"); }

static void ss_rollback(struct store *s) {
  struct sqlite_store *q = S(s);
  if (!sqlite3_get_autocommit(q->db))
    sqlite3_exec(q->db, "ROLLBACK", NULL, NULL, NULL);
}

/* A prepared statement for sql from the cache, or newly prepared (and
 * cached). Returns NULL on a prepare error. */
static sqlite3_stmt *prepare(struct sqlite_store *q, const char *sql) {
  for (int i = 0; i < N_CACHE; i++)
    if (q->cache[i].sql && (q->cache[i].sql == sql ||
                            strcmp(q->cache[i].sql, sql) == 0))
      return q->cache[i].stmt;
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(q->db, sql, -1, &st, NULL) != SQLITE_OK)
    return NULL;
  int slot = -1;
  for (int i = 0; i < N_CACHE && slot < 0; i++)
    if (!q->cache[i].sql)
      slot = i;
  /* Never a statement still stepping: a row callback may run a query of
   * its own (the list's deadlines) while its caller's is active. */
  for (int i = 0; i < N_CACHE && slot < 0; i++) {
    int k = (q->next_evict + i) % N_CACHE;
    if (!sqlite3_stmt_busy(q->cache[k].stmt))
      slot = k;
  }
  if (slot < 0) { /* 64 queries stepping at once: never (they nest 2 deep) */
    sqlite3_finalize(st);
    return NULL;
  }
  if (q->cache[slot].sql) {
    q->next_evict = (slot + 1) % N_CACHE;
    sqlite3_finalize(q->cache[slot].stmt);
    free(q->cache[slot].sql);
  }
  q->cache[slot].sql = xxgk_strdup(sql);
  q->cache[slot].stmt = st;
  return st;
}

#define MAX_COLS 32

static xxgk_status ss_exec(struct store *s, const char *sql,
                           const store_val *p, int n, store_row_cb cb,
                           void *ctx) {
  struct sqlite_store *q = S(s);
  store_vfs_errno(); /* as in simple() */
  sqlite3_stmt *st = prepare(q, sql);
  if (!st)
    return fail(q, "SQL");
  for (int i = 0; i < n; i++) {
    /* bytes bound in place: the bindings are cleared before this returns
     * (a file of 10 MB is not copied once more) */
    int rc = p[i].t == SV_INT    ? sqlite3_bind_int64(st, i + 1, p[i].i)
             : p[i].t == SV_TEXT ? sqlite3_bind_text(st, i + 1, p[i].s, -1,
                                                     SQLITE_TRANSIENT)
             : p[i].t == SV_BLOB ? sqlite3_bind_blob64(st, i + 1, p[i].s,
                                                       p[i].n, SQLITE_STATIC)
                                 : sqlite3_bind_null(st, i + 1);
    if (rc != SQLITE_OK) {
      sqlite3_reset(st);
      sqlite3_clear_bindings(st);
      return fail(q, "bind");
    }
  }
  xxgk_status ret = XXGK_OK;
  int ncol = 0;
  const char *names_small[MAX_COLS], **names = names_small;
  store_val v_small[MAX_COLS], *v = v_small;
  for (int first = 1;; first = 0) {
    int rc = sqlite3_step(st);
    if (rc == SQLITE_DONE)
      break;
    if (rc != SQLITE_ROW) {
      ret = fail(q, "SQL");
      break;
    }
    if (!cb)
      continue;
    /* The columns after the first step: a step re-prepares a statement
     * whose schema changed (another connection created tables, as the
     * corpus does in the register's file), which frees the names taken
     * before it. Most rows are narrow; a wide one (the corpus's one
     * column per key) gets heap arrays rather than losing columns. */
    if (first) {
      ncol = sqlite3_column_count(st);
      if (ncol > MAX_COLS) {
        names = xxgk_calloc((size_t)ncol, sizeof *names);
        v = xxgk_calloc((size_t)ncol, sizeof *v);
      }
      for (int c = 0; c < ncol; c++)
        names[c] = sqlite3_column_name(st, c);
    }
    for (int c = 0; c < ncol; c++) {
      switch (sqlite3_column_type(st, c)) {
      case SQLITE_NULL:
        v[c].t = SV_NULL;
        break;
      case SQLITE_INTEGER:
        v[c].t = SV_INT;
        v[c].i = sqlite3_column_int64(st, c);
        break;
      case SQLITE_BLOB:
        v[c].t = SV_BLOB;
        v[c].s = sqlite3_column_blob(st, c);
        v[c].n = (size_t)sqlite3_column_bytes(st, c);
        break;
      default:
        v[c].t = SV_TEXT;
        v[c].s = (const char *)sqlite3_column_text(st, c);
        if (!v[c].s)
          v[c].t = SV_NULL;
        break;
      }
    }
    store_row row = {ncol, names, v};
    if (cb(ctx, &row))
      break;
  }
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
  if (names != names_small) {
    free(names);
    free(v);
  }
  return ret;
}

static int ss_version(struct store *s) {
  struct sqlite_store *q = S(s);
  sqlite3_stmt *st;
  int v = -1;
  if (sqlite3_prepare_v2(q->db, "PRAGMA user_version", -1, &st, NULL) ==
      SQLITE_OK) {
    if (sqlite3_step(st) == SQLITE_ROW)
      v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
  }
  return v;
}

/* The trigram query for search s: one phrase, quotes doubled, so every
 * character is literal (FTS5's own syntax, '*', '-', ':', stays plain).
 * NULL when the index cannot answer: fewer than three characters (no
 * trigram), or not valid UTF-8 (the tokenizer would read other
 * characters than instr() compares). Caller frees.
 *
 * On valid UTF-8 a phrase of trigrams matches exactly the texts holding
 * s. A stored text that is not valid UTF-8 is read by the tokenizer with
 * its stray bytes made U+FFFD or merged into the character before them:
 * the index may then offer a row that does not hold s (instr() drops it),
 * or miss one where s ends just before a stray continuation byte (the
 * register does not check that its texts are UTF-8; tests/test_reg_filter
 * keeps to valid text). */
static char *trigram_query(const char *s) {
  if (!store_searchable(s))
    return NULL;
  buf b = {0};
  buf_putc(&b, '"');
  for (; *s; s++) {
    if (*s == '"')
      buf_putc(&b, '"');
    buf_putc(&b, *s);
  }
  buf_putc(&b, '"');
  return buf_detach(&b);
}

static const struct store_dialect DIALECT = {
    .text_match = " AND a.id IN (SELECT rowid FROM application_text"
                  " WHERE application_text MATCH ?)",
    .text_count = "SELECT COUNT(*) FROM (SELECT rowid FROM application_text"
                  " WHERE application_text MATCH ? LIMIT ?)",
    .text_pattern = trigram_query,
    .json_ints = "(SELECT value, key FROM json_each(?))",
    .columns = "SELECT name FROM pragma_table_info(?)",
    .id_key = "INTEGER PRIMARY KEY",
};

static const struct store_ops OPS = {
    "sqlite",   ss_close, ss_begin, ss_commit, ss_rollback,
    ss_exec,    ss_version,
    NULL, /* ids_given: SQLite numbers past the largest id by itself */
    &DIALECT,
    NULL, /* send: exec, in process, waits for nothing */
    NULL,
    NULL}; /* bulk: its triggers update their tallies in place */

/* Applies every migration past the file's version, each in a transaction
 * of its own (a failed step leaves the previous version intact). */
static xxgk_status migrate(struct sqlite_store *q) {
  int v = ss_version(&q->base);
  if (v > STORE_SQLITE_N_MIGRATIONS) {
    snprintf(q->base.err, sizeof q->base.err,
             "数据库结构版本 %d 比本程序支持的 %d 新，请升级 xxgk", v,
             STORE_SQLITE_N_MIGRATIONS);
    return XXGK_E_DB;
  }
  for (; v < STORE_SQLITE_N_MIGRATIONS; v++) {
    char set[64];
    snprintf(set, sizeof set, "PRAGMA user_version = %d", v + 1);
    xxgk_status st = simple(q, "BEGIN IMMEDIATE");
    if (st == XXGK_OK)
      st = simple(q, STORE_SQLITE_MIGRATIONS[v]);
    if (st == XXGK_OK)
      st = simple(q, set);
    if (st == XXGK_OK)
      st = simple(q, "COMMIT");
    if (st != XXGK_OK) {
      char why[sizeof q->base.err];
      snprintf(why, sizeof why, "%s", q->base.err);
      ss_rollback(&q->base);
      snprintf(q->base.err, sizeof q->base.err,
               "数据库结构升级到第 %d 版失败：%.400s", v + 1, why);
      return st;
    }
  }
  return XXGK_OK;
}

struct store *store_open_sqlite(const char *path, int create,
                                xxgk_status *st) {
  struct sqlite_store *q = xxgk_calloc(1, sizeof *q);
  q->base.ops = &OPS;
  int memory = strcmp(path, ":memory:") == 0;
  struct stat sb;
  if (!memory && !create && stat(path, &sb) != 0) {
    snprintf(q->base.err, sizeof q->base.err,
             "登记簿数据库 %s 不存在；新建请先运行 xxgk db init --db %s", path,
             path);
    *st = XXGK_E_IO;
    return &q->base;
  }
  /* NOMUTEX: a store is used by one thread at a time (the web server
   * opens one per thread), so SQLite's per-call locking is only cost. */
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
              (create ? SQLITE_OPEN_CREATE : 0);
  store_vfs_errno();
  if (sqlite3_open_v2(path, &q->db, flags, store_vfs()) != SQLITE_OK) {
    *st = fail(q, "打开数据库失败");
    *st = XXGK_E_IO;
    return &q->base;
  }
  sqlite3_busy_timeout(q->db, BUSY_MS);
  *st = simple(q, "PRAGMA foreign_keys = ON");
  if (*st == XXGK_OK && !memory)
    *st = simple(q, "PRAGMA journal_mode = WAL");
  if (*st == XXGK_OK)
    *st = simple(q, "PRAGMA synchronous = FULL");
  /* Reads through a memory map of the file rather than a copy of each
   * page: the report of a large register reads tens of MB (SQLite caps the
   * size at its own limit). */
  if (*st == XXGK_OK && !memory)
    *st = simple(q, "PRAGMA mmap_size = 1073741824");

  if (*st == XXGK_OK)
    *st = migrate(q);
  return &q->base;
}
