#!/usr/bin/env bash
# attach.sh — `xxgk case attach|files|file|void-file|deliver|void-delivery`:
# a file goes in and comes out byte for byte with its SHA-256; what is not
# allowed (a text file, a file past 10 MB, an empty one, stdin without a
# name) is refused with a message and exit 2; voiding keeps the file; a fee
# notice's delivery moves its period to pay (109号) and `case show` says
# from which day; nothing of the bytes reaches the audit log.
#   attach.sh XXGK
xxgk=$1
. "$(dirname "$0")/../lib.sh"
new_register a.db 2024-12-31
expect_rc 0 "agency" "$xxgk" agency add --name 某区政府办公室
expect_rc 0 "case" "$xxgk" case new --agency 1 --received 2024-03-01 --channel 邮寄 \
  --category natural_person --name 张三 --content 环评批复
expect_rc 0 "fee notice" "$xxgk" case event 2024-00001 fee-notice --date 2024-03-05 --pages 150

# a real PDF and a real PNG made by ImageMagick (tests need it already)
convert -size 40x20 xc:white "$tmp/scan.png" 2>/dev/null
printf '%%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%%%EOF\n' >"$tmp/回证.pdf"
expect_rc 0 "attach a PDF to the notice" "$xxgk" case attach 2024-00001 "$tmp/回证.pdf" \
  --kind receipt --event 1
expect_in "$tmp/out" "$(sha256sum <"$tmp/回证.pdf" | cut -c1-64)" "the SHA-256 printed"
expect_in "$tmp/out" "application/pdf" "the media type read"
expect_rc 0 "attach a PNG from stdin with its name" "$xxgk" case attach 1 - --as 身份证.png \
  --kind identity --json <"$tmp/scan.png"
expect_in "$tmp/out" '"media_type": "image/png"' "PNG recognised"
expect_rc 0 "get it back" "$xxgk" case file 1 -o "$tmp/back.pdf"
cmp -s "$tmp/回证.pdf" "$tmp/back.pdf" && ok || fail "the file comes back byte for byte"
"$xxgk" case file 2 >"$tmp/back.png" && cmp -s "$tmp/scan.png" "$tmp/back.png" && ok ||
  fail "to standard output byte for byte"

echo "纯文本" >"$tmp/a.txt"
expect_rc 2 "a text file is refused" "$xxgk" case attach 1 "$tmp/a.txt"
expect_in "$tmp/err" "只收 PDF、JPEG、PNG、TIFF" "the message lists the types allowed"
: >"$tmp/empty.pdf"
expect_rc 2 "an empty file is refused" "$xxgk" case attach 1 "$tmp/empty.pdf"
expect_in "$tmp/err" "空文件" "said empty"
{ cat "$tmp/回证.pdf"; head -c $((10 * 1024 * 1024)) /dev/zero; } >"$tmp/big.pdf"
expect_rc 2 "a file past 10 MB is refused" "$xxgk" case attach 1 "$tmp/big.pdf"
expect_in "$tmp/err" "10 MB 的上限" "said too big"
expect_rc 2 "stdin needs --as" "$xxgk" case attach 1 - <"$tmp/回证.pdf"
expect_in "$tmp/err" "--as" "says --as"
expect_rc 2 "unknown kind" "$xxgk" case attach 1 "$tmp/回证.pdf" --kind photo
expect_rc 2 "an event of no application" "$xxgk" case attach 1 "$tmp/回证.pdf" --event 99
expect_rc 2 "no such file" "$xxgk" case file 99
[ "$(sqlite3 "$XXGK_DB" "select count(*) from attachment")" = 2 ] && ok ||
  fail "nothing written by the refusals"

# delivery of the fee notice: Friday 03-08, paid by 04-08 (109号)
expect_rc 0 "before: from the notice" "$xxgk" case show 1 --today 2024-03-20
expect_in "$tmp/out" "所等待的步骤期限至 2024-04-02" "counted from the notice"
expect_in "$tmp/out" "未登记送达" "and says so"
expect_rc 2 "a courier is no method" "$xxgk" case deliver 1 --method 快递 --date 2024-03-08
expect_rc 2 "before the notice" "$xxgk" case deliver 1 --method 邮寄 --date 2024-03-04
expect_in "$tmp/err" "早于文书发出的日期" "said before"
expect_rc 0 "postal delivery" "$xxgk" case deliver 1 --method 邮寄 \
  --number 1191234567890 --date 2024-03-08
expect_rc 0 "after: from the delivery" "$xxgk" case show 1 --today 2024-03-20 --json
expect_in "$tmp/out" '"pause_until": "2024-04-08"' "counted from the delivery"
expect_in "$tmp/out" "按送达记录" "and says so"
expect_rc 0 "files" "$xxgk" case files 1
expect_in "$tmp/out" "邮件号 1191234567890" "delivery listed"
expect_in "$tmp/out" "身份证明  身份证.png" "identity proof listed"

expect_rc 2 "void needs a reason" "$xxgk" case void-file 1
expect_rc 0 "void the file" "$xxgk" case void-file 1 --reason 扫描不清
expect_rc 2 "not twice" "$xxgk" case void-file 1 --reason 再次
expect_rc 0 "a voided file is still there" "$xxgk" case file 1 -o "$tmp/again.pdf"
expect_rc 0 "void the delivery" "$xxgk" case void-delivery 1 --reason 日期有误
expect_rc 0 "back to the notice's date" "$xxgk" case show 1 --today 2024-03-20
expect_in "$tmp/out" "所等待的步骤期限至 2024-04-02" "the voided delivery no longer counts"

[ "$(sqlite3 "$XXGK_DB" "select count(*) from audit where action in ('attachment.add',
  'attachment.void', 'delivery.add', 'delivery.void')")" = 5 ] && ok || fail "every write audited"
[ "$(sqlite3 "$XXGK_DB" "select count(*) from audit where after like '%obj << >>%'")" = 0 ] && ok ||
  fail "the audit holds no file bytes"
sqlite3 "$XXGK_DB" "delete from attachment" 2>/dev/null && fail "deleted in SQL" || ok
summary
