#!/usr/bin/env bash
# docx_pdf.sh — the DOCX as Word users get it: LibreOffice (headless)
# converts it to PDF without complaint, the pages are as many as measured,
# the PDF's text holds the tables' figures, and a page renders to PNG.
# Skipped (exit 77) when LibreOffice is not installed; scripts/setup.sh
# installs it (libreoffice-writer-nogui, fonts-noto-cjk).
xxgk=$1
data=$2
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
if ! command -v soffice >/dev/null || ! command -v pdftoppm >/dev/null; then
  echo "SKIP: soffice or pdftoppm not installed"
  exit 77
fi
names=(tianjin-nankai-2023 tianjin-jinghai-office-2019)
for name in "${names[@]}"; do
  expect_rc 0 "render $name" "$xxgk" render --to docx -o "$tmp/$name.docx" "$data/$name.txt"
done
# One start of LibreOffice for both files (it takes most of the time), with
# a private profile: tests running in parallel must not share one.
expect_rc 0 "soffice" soffice "-env:UserInstallation=file://$tmp/lo" \
  --headless --convert-to pdf --outdir "$tmp" "$tmp/${names[0]}.docx" \
  "$tmp/${names[1]}.docx"
# name, pages (as measured with fonts-noto-cjk), figures the text must show
check() {
  local name=$1 pages=$2
  shift 2
  [ -s "$tmp/$name.pdf" ] && ok || { fail "$name: no PDF"; return; }
  local n
  n=$(pdfinfo "$tmp/$name.pdf" | sed -n 's/^Pages: *//p')
  [ "$n" = "$pages" ] && ok || fail "$name: $n pages, want $pages"
  pdftotext -layout "$tmp/$name.pdf" "$tmp/$name.pdf.txt"
  for want in "$@"; do
    expect_in "$tmp/$name.pdf.txt" "$want" "$name: PDF text"
  done
  pdftoppm -png -r 60 -f 3 -l 3 "$tmp/$name.pdf" "$tmp/$name"
  ls "$tmp/$name"-*3.png >/dev/null 2>&1 && ok || fail "$name: no PNG"
}
check tianjin-nankai-2023 6 "93773" "9872.3034" "本年收费金额（单位：万元）" \
  "申请人情况" "935" "未经复议直接起诉" "六、其他需要报告的事项"
check tianjin-jinghai-office-2019 4 "本年新制作数量" "采购总金额" "上一年项目数量" \
  "四、结转下年度继续办理"
summary
