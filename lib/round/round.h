/*
 * round.h — what the round's files (round*.c) share: the handle (a
 * register handle of its own, so the round writes in the register's
 * transactions and audit log through reg.h), a unit's row, and the one
 * place a state is read and written.
 */
#ifndef XXGK_ROUND_INT_H
#define XXGK_ROUND_INT_H

#include "../register/reg.h"
#include "xxgk_round.h"

struct xxgk_round {
  xxgk_reg *r;    /* owned                                        */
  char *keep[12]; /* strings handed out until the next call (info,
                     version): owned, freed on the next call      */
};

/* Frees the strings handed out by the previous call. */
void round_forget(xxgk_round *rd);
/* Keeps a copy of s until the next call; returns it (NULL stays NULL). */
const char *round_keep(xxgk_round *rd, int slot, const char *s);

/* The unit's row in a round: its id, state and latest version; refused
 * with a message when the round or the unit is not there. */
struct round_unit {
  int64_t id;
  xxgk_unit_state state;
  int version;
  int year;
  int64_t office_id;
  char due[11];
  int no_register; /* the unit keeps no register (agency.no_register) */
};
xxgk_status round_unit_load(xxgk_round *rd, int64_t round_id,
                            int64_t agency_id, struct round_unit *out);

/* Sets the unit's state, and with it what `set` adds (NULL, or SQL
 * assignments after "state = ?" with up to two placeholders, bound to a
 * then b; never user input in the SQL), audited as `action` with the row
 * before. Inside the caller's transaction. */
xxgk_status round_unit_move(xxgk_round *rd, const struct round_unit *u,
                            xxgk_unit_state to, const char *action,
                            const char *set, const char *a, const char *b);

/* Version `version` of the unit (round_unit.id) as a document, read back
 * from its canonical JSON; *out NULL when there is no such version. */
xxgk_status round_doc(xxgk_round *rd, int64_t unit_id, int version,
                      xxgk_doc **out);

#endif
