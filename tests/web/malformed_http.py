"""malformed_http.py — raw bytes against a running `xxgk serve` (run by
malformed_http.sh): broken request lines, oversized and numberless
headers, lying Content-Length, bad chunking, bodies over the caps, slow
partial requests, NUL and invalid UTF-8, path traversal, overlong URLs.

Each case is sent on its own connection; what comes back must be one of
the outcomes the case allows, and while that connection is still open a
normal request on another connection must be answered (so a stalled or
hostile client blocks nobody). Prints "ok NAME" or "FAIL NAME: why" per
check; exits 1 if any failed.

Outcomes: a status code; "4xx"; "answered" (any status below 500);
"stall" (nothing within STALL seconds: libmicrohttpd holds the
connection until its 30 s idle timeout; other cases wait 20 s); "closed" (closed without a
word).

Usage: malformed_http.py PORT
"""
import socket
import sys
import time

PORT = int(sys.argv[1])
STALL = 2.0  # seconds of silence that count as a stalled connection
NORMAL = b"GET /login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
H = b"Host: x\r\nConnection: close\r\n"
FORM = b"Content-Type: application/x-www-form-urlencoded\r\n"
failures = 0


def connect():
    return socket.create_connection(("127.0.0.1", PORT), timeout=30)


def answer(s, wait):
    """(status or None, body bytes, how): reads one response; stops at its
    end (Content-Length), at a close, or after `wait` seconds of silence."""
    s.settimeout(wait)
    buf = b""
    try:
        while True:
            if b"\r\n\r\n" in buf:
                head, body = buf.split(b"\r\n\r\n", 1)
                for line in head.split(b"\r\n")[1:]:
                    k, _, v = line.partition(b":")
                    if k.strip().lower() == b"content-length":
                        if len(body) >= int(v):
                            return int(head.split()[1]), body, "answer"
            k = s.recv(65536)
            if not k:
                break
            buf += k
    except socket.timeout:
        if not buf:
            return None, b"", "stall"
    except ConnectionResetError:
        pass
    if not buf:
        return None, b"", "closed"
    head, _, body = buf.partition(b"\r\n\r\n")
    return int(head.split()[1]), body, "answer"


def report(name, good, why=""):
    global failures
    if good:
        print("ok", name)
    else:
        failures += 1
        print("FAIL %s: %s" % (name, why))


def normal_request(name):
    s = connect()
    try:
        s.sendall(NORMAL)
        status, _, how = answer(s, 20)
    finally:
        s.close()
    report(name + " (others still served)", status == 200,
           "a normal request got %s" % (status or how))


def allowed(status, how, outcomes):
    for o in outcomes:
        if o == "4xx" and status and 400 <= status < 500:
            return True
        if o == "answered" and status and status < 500:
            return True
        if o in ("stall", "closed") and how == o:
            return True
        if isinstance(o, int) and status == o:
            return True
    return False


def case(name, data, outcomes, not_in=None, pause=None):
    """Sends data (after `pause` seconds of a partial send: data is then a
    pair), checks the outcome, serves a normal request meanwhile."""
    s = connect()
    try:
        if pause:
            s.sendall(data[0])
            time.sleep(pause)
            normal_request(name)
            s.sendall(data[1])
        else:
            s.sendall(data)
        # Only a case that may stall is cut short: a slow machine (valgrind)
        # must not turn a late 4xx into a failure.
        status, body, how = answer(s, STALL if "stall" in outcomes else 20)
        report(name, allowed(status, how, outcomes),
               "got %s, want one of %s" % (status or how, outcomes))
        if not_in is not None:
            report(name + " (no leak)", not_in not in body,
                   "%r in the answer" % not_in)
        normal_request(name)
    finally:
        s.close()


def partial_then_close(name, data):
    s = connect()
    s.sendall(data)
    time.sleep(0.5)
    s.close()
    normal_request(name)


def many_headers(n):
    return b"".join(b"X-H%d: v\r\n" % i for i in range(n))


def chunks(n, size):
    return b"".join(b"%x\r\n" % size + b"a" * size + b"\r\n"
                    for _ in range(n)) + b"0\r\n\r\n"


# Request lines and versions
case("garbage-binary", b"\x00\x01\xff garbage\r\n\r\n", ["4xx", "stall"])
case("garbage-line", b"HELLO WORLD\r\n\r\n", ["4xx"])
case("http-0.9", b"GET /\r\n\r\n", ["4xx"])
case("version-9.9", b"GET / HTTP/9.9\r\n" + H + b"\r\n", [505])
case("nul-in-request-line", b"GET /lo\x00gin HTTP/1.1\r\n" + H + b"\r\n",
     ["4xx", "stall"])
# Headers: one of 100 KB, 5,000 small ones, a line without a colon, a
# folded line, bare LF line ends
case("header-100k", b"GET / HTTP/1.1\r\n" + H + b"X-Big: " + b"a" * 100000 +
     b"\r\n\r\n", [431])
case("headers-5000", b"GET / HTTP/1.1\r\n" + H + many_headers(5000) +
     b"\r\n", [431])
case("header-no-colon", b"GET / HTTP/1.1\r\n" + H + b"NoColon\r\n\r\n",
     ["4xx"])
case("header-folded", b"GET / HTTP/1.1\r\nX-A: a\r\n  b\r\n" + H + b"\r\n",
     ["answered"])
case("lf-only", b"GET /login HTTP/1.1\nHost: x\nConnection: close\n\n",
     [200])
# Content-Length: negative, not a number, two different, past 2^64,
# larger than the body (then the client goes away)
post = b"POST /login HTTP/1.1\r\n" + H + FORM
case("length-negative", post + b"Content-Length: -1\r\n\r\nabc", ["4xx"])
case("length-not-a-number", post + b"Content-Length: abc\r\n\r\nabc",
     ["4xx"])
case("length-twice", post + b"Content-Length: 3\r\nContent-Length: 5\r\n"
     b"\r\nabcde", [400])
case("length-overflow", post + b"Content-Length: 99999999999999999999999"
     b"\r\n\r\nabc", [413])
partial_then_close("length-larger-than-body",
                   post + b"Content-Length: 1000\r\n\r\nabc")
# Chunked: a size that is no hex number, negative, past 2^64; chunks
# adding up past the 64 KiB form cap; chunked and Content-Length together
te = post + b"Transfer-Encoding: chunked\r\n"
case("chunk-size-not-hex", te + b"\r\nzz\r\nabc\r\n0\r\n\r\n", ["4xx"])
case("chunk-size-negative", te + b"\r\n-5\r\nabc\r\n0\r\n\r\n", ["4xx"])
case("chunk-size-overflow", te + b"\r\nFFFFFFFFFFFFFFFFFF\r\nabc\r\n0\r\n\r\n",
     [413])
case("chunks-over-form-cap", te + b"\r\n" + chunks(5, 0x4000), [413])
case("chunked-and-length", te + b"Content-Length: 4\r\n\r\n0\r\n\r\n",
     ["4xx"])


def refused_and_closed(name, data):
    """A request smuggling shape on a keep-alive connection: answered 400
    with Connection: close, and then closed (RFC 9112, 6.1), so nothing
    after it on the connection is read as another request."""
    s = connect()
    try:
        s.sendall(data)
        s.settimeout(5)
        buf = b""
        while b"\r\n\r\n" not in buf:
            k = s.recv(65536)
            if not k:
                break
            buf += k
        head = buf.split(b"\r\n\r\n", 1)[0].lower()
        status = int(head.split()[1]) if head.startswith(b"http/") else None
        report(name, status == 400, "got %s, want 400" % status)
        report(name + " (Connection: close)", b"\r\nconnection: close" in head,
               "no Connection: close in %r" % head[:300])
        closed = False
        try:
            while True:
                k = s.recv(65536)
                if not k:
                    closed = True
                    break
        except (socket.timeout, ConnectionResetError) as e:
            closed = isinstance(e, ConnectionResetError)
        report(name + " (closed)", closed, "the connection stayed open")
    finally:
        s.close()
    normal_request(name)


KEEP = b"POST /login HTTP/1.1\r\nHost: x\r\n" + FORM
refused_and_closed("length-and-chunked-kept-alive",
                   KEEP + b"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n"
                   b"\r\n0\r\n\r\nGET /login HTTP/1.1\r\nHost: x\r\n\r\n")
refused_and_closed("chunked-and-length-kept-alive",
                   KEEP + b"Transfer-Encoding: chunked\r\nContent-Length: 5\r\n"
                   b"\r\n0\r\n\r\n")
# Bodies over the caps: a form over 64 KiB, an upload announced over 8 MiB
case("form-over-64k", post + b"Content-Length: 70000\r\n\r\n" +
     b"a" * 70000, [413])
case("upload-over-8m", b"POST /api/check HTTP/1.1\r\n" + H +
     b"Content-Type: multipart/form-data; boundary=x\r\n"
     b"Content-Length: 9000000\r\n\r\n", [413])
# Slow clients: half a request line, half the headers, then gone
partial_then_close("partial-request-line", b"GET /lo")
partial_then_close("partial-headers", b"GET /login HTTP/1.1\r\nHost: x\r\n")
case("slow-headers", (b"GET /login HTTP/1.1\r\nHo", b"st: x\r\n"
                      b"Connection: close\r\n\r\n"), [200], pause=1)
# NUL and invalid UTF-8 in the path, in form fields, in JSON
case("nul-escaped-in-path", b"GET /login%00.css HTTP/1.1\r\n" + H + b"\r\n",
     ["answered"])
case("invalid-utf8-path", b"GET /\xff\xfe%ff%c0%af HTTP/1.1\r\n" + H +
     b"\r\n", [404])
form = b"csrf=x&login=%ff%00x&password=\xff\xfe\x00ab&next=%c0%af"
case("invalid-utf8-form", post + b"Content-Length: %d\r\n\r\n" % len(form) +
     form, ["4xx"])
js = b'{"login": "\xff\xfe", "password": "\\u0000\xc0\xaf"}'
case("invalid-utf8-json", b"POST /api/login HTTP/1.1\r\n" + H +
     b"X-Requested-With: x\r\nContent-Type: application/json\r\n"
     b"Content-Length: %d\r\n\r\n" % len(js) + js, ["4xx"])
# Path traversal: nothing outside the two compiled-in assets is served
for n, p in (("dot-dot", b"/../../etc/passwd"),
             ("dot-dot-escaped", b"/assets/%2e%2e/%2e%2e/etc/passwd"),
             ("slash-escaped", b"/assets/..%2f..%2fetc%2fpasswd"),
             ("backslash", b"/assets/..\\..\\etc\\passwd")):
    case("traversal-" + n, b"GET " + p + b" HTTP/1.1\r\n" + H + b"\r\n",
         [404], not_in=b"root:")
# Overlong URLs: 100 KB of path; 65 query parameters (one past the cap);
# 1,000 (their records fill libmicrohttpd's 64 KiB connection pool)
case("url-100k", b"GET /" + b"a" * 100000 + b" HTTP/1.1\r\n" + H + b"\r\n",
     [414])
case("query-65", b"GET /?" + b"a=b&" * 65 + b" HTTP/1.1\r\n" + H + b"\r\n",
     [400])
case("query-1000", b"GET /?" + b"a=b&" * 1000 + b" HTTP/1.1\r\n" + H +
     b"\r\n", ["4xx", "stall"])

normal_request("at the end")
sys.exit(1 if failures else 0)
