#!/usr/bin/env bash
# malformed.sh — bad input of every kind: a one-line message naming the file
# and the problem, exit 2, never a crash (this runs in the ASan+UBSan build
# too, where any memory error or undefined behaviour aborts).
xxgk=$1
data=$2
. "$(dirname "$0")/../lib.sh"
nankai=$data/tianjin-nankai-2023.txt

bad() { # bad NAME MESSAGE-FRAGMENT: parse and check both exit 2
  expect_rc 2 "$1 parse" "$xxgk" parse "$tmp/$1"
  expect_in "$tmp/err" "$2" "$1 message"
  expect_rc 2 "$1 check" "$xxgk" check "$tmp/$1"
}

expect_rc 2 "missing file" "$xxgk" parse "$tmp/missing.txt"
expect_in "$tmp/err" "missing.txt: 文件不存在" "missing message"
expect_rc 2 "directory" "$xxgk" check "$tmp"
expect_in "$tmp/err" "目录" "directory message"

: >"$tmp/empty"
bad empty "未找到年度报告的统计表"
# Binary data: the same bytes every run (random ones may start with "{" or
# "<" and be read, rightly, as broken JSON or HTML), beginning as a PNG:
# an image that does not decode.
python3 -c "import random, sys; random.seed(7); sys.stdout.buffer.write(b'\\x89PNG\\r\\n\\x1a\\n' + random.randbytes(100000))" >"$tmp/binary"
bad binary "图像无法解码"
printf 'abc\0def' >"$tmp/nul"
bad nul "空字节"
printf '这是一份会议纪要。\n与会人员：张三、李四。\n' >"$tmp/notreport"
bad notreport "不像一份政府信息公开工作年度报告"
head -c 4000 "$nankai" >"$tmp/truncated"
bad truncated "未找到"
expect_rc 2 "truncated still prints" "$xxgk" parse "$tmp/truncated"
expect_in "$tmp/out" '"rules": {' "truncated keeps table 2"
expect_in "$tmp/out" '"received": {
      "natural_person": null' "truncated: missing cells null"
# Half of table 3: the rows found are kept, the rest named.
head -n 150 "$nankai" >"$tmp/half"
bad half "未找到“"
# A 1 MB line with no newline, and one inside a report.
head -c 1000000 /dev/zero | tr '\0' 'x' >"$tmp/longline"
bad longline "未找到年度报告的统计表"
{ head -n 20 "$nankai"; head -c 1000000 /dev/zero | tr '\0' '9'; echo; tail -n +21 "$nankai"; } >"$tmp/longinside"
expect_rc 0 "long line inside report" "$xxgk" check "$tmp/longinside"
expect_in "$tmp/out" "超过65536字节" "long line warned"
# 100 MB of noise text: read linearly, refused (2 MB under valgrind,
# XXGK_UNDER_VALGRIND from scripts/valgrind.sh: the same path).
noise_bytes=100000000
[ -z "${XXGK_UNDER_VALGRIND:-}" ] || noise_bytes=2000000
yes '噪声 noise 123 | 456 —— 数据' | head -c $noise_bytes >"$tmp/noise"
bad noise "未找到年度报告的统计表"
# GBK input is converted; mixed garbage after valid GBK is replaced.
iconv -f UTF-8 -t GB18030 "$nankai" >"$tmp/gbk.txt"
expect_rc 0 "gbk" "$xxgk" check "$tmp/gbk.txt"
# Deeply nested or hostile JSON.
python3 -c "print('{\"format\":\"2021\",\"a\":' + '['*100000 + ']'*100000 + '}')" >"$tmp/deep.json"
bad deep.json "JSON"
printf '{"format": "2021", "year": 2023' >"$tmp/cut.json"
bad cut.json "JSON 无法解析"
printf '{"format": "1999"}' >"$tmp/fmt.json"
bad fmt.json "不是年度报告"
# A number too long to be exact is refused, not truncated.
sed 's/^\t921$/\t92100000000000000000000/' "$nankai" >"$tmp/huge"
bad huge "超出可精确表示的范围"
# Published renditions: damaged, hostile or unreadable files.
fix=$(dirname "$0")/../fixtures
head -c 3000 "$fix/tianjin-nankai-2023.docx" >"$tmp/truncated.docx"
bad truncated.docx "不完整"
python3 - "$tmp/bomb.docx" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    with z.open("word/document.xml", "w") as f:  # 200 MiB of spaces, ~200 KB
        for _ in range(200):
            f.write(b" " * (1 << 20))
PY
bad bomb.docx "压缩炸弹"
python3 -c "import zipfile; zipfile.ZipFile('$tmp/other.zip','w').writestr('a.txt','x')"
bad other.zip "不是 Word 文档"
python3 -c "print('<html><body>' + '<div>'*100000 + '一、总体情况' + '</div>'*100000)" >"$tmp/deep.html"
bad deep.html "嵌套超过"
python3 -c "import random, sys; random.seed(8); sys.stdout.buffer.write(b'\\x00\\x01' + random.randbytes(20000))" >"$tmp/fake.pdf"
bad fake.pdf "不是文本文件"
printf '%%PDF-1.4\n1 0 obj garbage\n' >"$tmp/broken.pdf"
bad broken.pdf "PDF 文件已损坏"
# One empty page: a PDF with no text layer, as a scan is.
# Not under valgrind: memcheck follows the forked recogniser into Tesseract
# and outgrows its address-space limit (tests/cli/ocr.sh says more).
if [ -z "${XXGK_UNDER_VALGRIND:-}" ]; then
  python3 "$(dirname "$0")/../gen/blank_pdf.py" "$tmp/scan.pdf"
  bad scan.pdf "扫描件中未识别出任何文字"
fi
# Without the helper programs: a message saying what to install or do.
expect_rc 2 "pdf without pdftotext" env PATH=/nonexistent "$xxgk" parse "$data/huaian-2024.pdf"
expect_in "$tmp/err" "poppler-utils" "pdftotext missing message"
expect_rc 2 "doc without LibreOffice" env PATH=/nonexistent "$xxgk" parse "$fix/jinghai.doc"
expect_in "$tmp/err" "另存为”.docx" "LibreOffice missing message"
summary
