"""crash.py — the checks and the web client of tests/robust/crash.sh and
tests/robust/diskfull.sh (Python's standard library only).

  crash.py corpus-acked DB LOG      every report acknowledged in LOG (the
                                    --jsonl lines of xxgk import) is stored
  crash.py corpus-dump DB           the corpus as text, without row ids or
                                    times: equal dumps, equal corpora
  crash.py register-acked DB LOG    every record acknowledged in LOG ("case
                                    ID", "event ID") is stored, with its
                                    audit row
  crash.py client URL LOGIN PASSWORD N
                                    logs in, then registers up to N
                                    applications, each with a reply, through
                                    the JSON API; prints "case ID" and "event
                                    ID" as each is acknowledged (HTTP 200 with
                                    the id); stops at the first failure,
                                    printing "refused STATUS MESSAGE" if the
                                    server answered
Exit 0 if the check holds, 1 with the reason otherwise.
"""
import http.client
import json
import sqlite3
import sys
import urllib.parse


def die(msg):
    print("crash.py: " + msg, file=sys.stderr)
    sys.exit(1)


def acknowledged(log):
    """LOG's lines but one the kill cut short (no acknowledgement)."""
    for line in open(log, encoding="utf-8"):
        if not line.endswith("\n"):
            return
        yield line


def corpus_acked(db, log):
    con = sqlite3.connect(db)
    n = 0
    for line in acknowledged(log):
        a = json.loads(line)
        rows = con.execute(
            "SELECT path, status FROM corpus_reports WHERE hash = ?",
            (a["hash"],)).fetchall()
        if a["status"] == "failed":
            ok = any(s == "failed" for _, s in rows)
        elif a["status"] == "unchanged":
            ok = any(s != "failed" for _, s in rows)
        else:
            ok = (a["path"], "ok") in rows or (a["path"], "incomplete") in rows
        if not ok:
            die("acknowledged but not stored: %s (%s)" % (a["path"], a["status"]))
        n += 1
    print("%d acknowledged reports stored" % n)


def corpus_dump(db):
    con = sqlite3.connect(db)
    path = dict(con.execute("SELECT id, path || '#' || version FROM corpus_reports"))
    agency = dict(con.execute(
        "SELECT id, key || '/' || province FROM corpus_agencies"))
    out = []
    for r in con.execute(
            "SELECT path, hash, version, current, latest, agency_id, year, "
            "format, title, status, reason, errors, warnings "
            "FROM corpus_reports"):
        out.append(("report",) + r[:5] + (agency.get(r[5]),) + r[6:])
    for r in con.execute(
            "SELECT key, province, city, county, kind, name, edited, dirty "
            "FROM corpus_agencies"):
        out.append(("agency",) + r)
    for r in con.execute("SELECT name, agency_id FROM corpus_names"):
        out.append(("name", r[0], agency.get(r[1])))
    cur = con.execute("SELECT * FROM corpus_cells")
    cols = [d[0] for d in cur.description]
    for r in cur:
        out.append(("cells", path[r[0]]) + tuple(
            "%s=%s" % (c, v) for c, v in zip(cols[1:], r[1:]) if v is not None))
    for r in con.execute(
            "SELECT report_id, rule, severity, line, col, message, cells, "
            "expected, actual, other_report_id FROM corpus_findings"):
        out.append(("finding", path[r[0]]) + r[1:9] + (path.get(r[9]),))
    for t in sorted(out, key=repr):
        print(repr(t))


def register_acked(db, log):
    con = sqlite3.connect(db)
    n = 0
    for line in acknowledged(log):
        what, _, rest = line.strip().partition(" ")
        if what not in ("case", "event"):
            continue
        table = "application" if what == "case" else "event"
        rid = int(rest)
        if not con.execute("SELECT 1 FROM %s WHERE id = ?" % table,
                           (rid,)).fetchone():
            die("acknowledged but not stored: %s %d" % (what, rid))
        if not con.execute(
                "SELECT 1 FROM audit WHERE entity = ? AND entity_id = ?",
                (table, rid)).fetchone():
            die("stored without its audit row: %s %d" % (what, rid))
        n += 1
    print("%d acknowledged records stored, each audited" % n)


def client(url, login, password, n):
    u = urllib.parse.urlsplit(url)
    con = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
    cookie = ""

    def post(path, body, headers):
        nonlocal cookie
        h = {"Content-Type": "application/json", "Cookie": cookie}
        h.update(headers)
        con.request("POST", path, json.dumps(body), h)
        r = con.getresponse()
        data = r.read()
        c = r.getheader("Set-Cookie")
        if c:
            cookie = c.split(";")[0]
        try:
            return r.status, json.loads(data)
        except ValueError:
            return r.status, {"error": data[:200].decode("utf-8", "replace")}

    status, j = post("/api/login", {"login": login, "password": password},
                     {"X-Requested-With": "xxgk"})
    if status != 200:
        die("login: %d %s" % (status, j))
    token = {"X-CSRF-Token": j["csrf"]}
    try:
        for i in range(n):
            status, j = post("/api/cases", {
                "channel": "网络", "received": "2024-09-20",
                "category": "natural_person", "name": "申请人%d" % i,
                "content": "第 %d 项信息" % i}, token)
            if status != 200 or not j.get("id"):
                print("refused %d %s" % (status, j.get("error")), flush=True)
                return
            print("case %d" % j["id"], flush=True)
            status, j = post("/api/cases/%d/events" % j["id"], {
                "kind": "reply", "date": "2024-10-10", "outcome": "granted"},
                token)
            if status != 200 or not j.get("event_id"):
                print("refused %d %s" % (status, j.get("error")), flush=True)
                return
            print("event %d" % j["event_id"], flush=True)
    except (OSError, http.client.HTTPException):
        return  # the server died: what was acknowledged is printed


def main(argv):
    cmd = argv[1] if len(argv) > 1 else ""
    if cmd == "corpus-acked" and len(argv) == 4:
        corpus_acked(argv[2], argv[3])
    elif cmd == "corpus-dump" and len(argv) == 3:
        corpus_dump(argv[2])
    elif cmd == "register-acked" and len(argv) == 4:
        register_acked(argv[2], argv[3])
    elif cmd == "client" and len(argv) == 6:
        client(argv[2], argv[3], argv[4], int(argv[5]))
    else:
        die("usage: see the file's head")


if __name__ == "__main__":
    main(sys.argv)
