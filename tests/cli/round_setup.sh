# round_setup.sh — sourced by the round's tests after lib.sh, with $xxgk
# set: a fresh register ($tmp/r.db, user 政务公开办, today 2025-01-20)
# holding the office 某区政务公开办 (agency 1) over three units: 某区教育局
# (2), 某区卫健委 (3), 某区民政局 (4).
export XXGK_DB=$tmp/r.db XXGK_USER=政务公开办 XXGK_TODAY=2025-01-20
unset XXGK_CALENDAR
"$xxgk" db init >/dev/null
for n in 某区政务公开办 某区教育局 某区卫健委 某区民政局; do
  "$xxgk" agency add --name "$n" $([ "$n" = 某区政务公开办 ] || echo --parent 1) >/dev/null
done
