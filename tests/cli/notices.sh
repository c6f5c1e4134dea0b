#!/usr/bin/env bash
# notices.sh — the documents as an office gets them: for every outcome row
# of table 3 a reply (答复书) naming its article, and each notice, written
# as DOCX, converted by LibreOffice (headless) to PDF: one page each, the
# title, the applicant and the right article in the PDF's text; the HTML
# names the same article; an office's template folder overrides a
# default, and a template naming an unknown field is refused with its
# line. Skipped (77) without LibreOffice (scripts/setup.sh installs it).
# Usage: notices.sh path/to/xxgk
xxgk=$1
. "$(dirname "$0")/../lib.sh"
export XXGK_DB=$tmp/n.db XXGK_TODAY=2025-06-30 XXGK_USER=测试员
x() { "$xxgk" "$@" >"$tmp/out" 2>"$tmp/err" || { fail "$*: $(cat "$tmp/err")"; return 1; }; }
x db init
x agency add --name 某市生态环境局
# outcome key, the citation its reply must print (rules.md §1.2)
cat >"$tmp/law" <<'LAW'
granted 第三十六条第二项
partially_granted 第三十七条
withheld_state_secret 第十四条
withheld_prohibited_by_law 第十四条
withheld_security_stability 第十四条
withheld_third_party_rights 第十五条
withheld_internal_affairs 第十六条第一款
withheld_process_information 第十六条第二款
withheld_enforcement_file 第十六条第二款
withheld_administrative_query 第三十六条第七项
unable_not_held 第三十六条第四项
unable_needs_creation 第三十八条
unable_unclear 第三十条
not_processed_petition 第三十九条第一款
not_processed_duplicate 第三十六条第六项
not_processed_publication 第三十九条第二款
not_processed_excessive 第三十五条
not_processed_confirmation 不属于申请获取政府信息的情形
other_no_correction 第三十条
other_unpaid_fee 109号
other_other 本机关对您的申请处理如下
LAW
i=0
docs=()
while read -r outcome want; do
  i=$((i + 1))
  t=$(printf '2025-%05d' "$i")
  x case new --agency 1 --received 2025-03-03 --channel 网络 \
    --category natural_person --name "申请人$i" --content "某项信息$i"
  case $outcome in
  other_no_correction)
    x case event "$t" correction-requested --date 2025-03-04 --until 2025-03-20
    x case reply "$t" --date 2025-04-01 --outcome "$outcome" ;;
  other_unpaid_fee)
    x case event "$t" fee-notice --date 2025-03-05 --pages 120
    x case event "$t" fee-served --date 2025-03-06
    x case event "$t" fee-lapsed --date 2025-05-06 ;;
  *) x case reply "$t" --date 2025-03-20 --outcome "$outcome" --note 说明$i ;;
  esac
  x case doc "$t" reply -o "$tmp/reply-$outcome.docx"
  docs+=("$tmp/reply-$outcome.docx")
  x case doc "$t" reply --format html
  expect_in "$tmp/out" "$want" "$outcome: HTML cites"
  expect_in "$tmp/out" "六十日内依法申请行政复议" "$outcome: remedies"
done <"$tmp/law"
# the notices of one application, each from its step
x case new --agency 1 --received 2025-06-02 --channel 邮寄 --category commercial \
  --name '某<公司>' --content '排污许可&监测数据'
t=2025-00022
x case doc $t receipt -o "$tmp/receipt.docx"
x case event $t correction-requested --date 2025-06-03 --until 2025-06-13 --note 请写明项目名称
x case doc $t correction -o "$tmp/correction.docx"
x case event $t correction-received --date 2025-06-10
x case event $t consult-started --date 2025-06-11 --note 某化工有限公司
x case doc $t consult -o "$tmp/consult.docx"
x case event $t consult-answered --date 2025-06-20
x case event $t extended --date 2025-06-23
x case doc $t extension -o "$tmp/extension.docx"
x case event $t fee-notice --date 2025-06-24 --pages 150
x case doc $t fee -o "$tmp/fee.docx"
docs+=("$tmp/receipt.docx" "$tmp/correction.docx" "$tmp/consult.docx" \
  "$tmp/extension.docx" "$tmp/fee.docx")
x case doc $t fee --format html
expect_in "$tmp/out" "应缴金额：人民币1700元" "fee: amount (30 free, 70×10, 50×20)"
expect_in "$tmp/out" "某&lt;公司&gt;" "the applicant's name escaped"
expect_in "$tmp/out" "排污许可&amp;监测数据" "the content escaped"
x case doc $t consult --format html
expect_in "$tmp/out" "某化工有限公司：" "consult: addressed to the third party"
expect_in "$tmp/out" "15个工作日内" "consult: 15 working days"
x case doc $t correction --format html
expect_in "$tmp/out" "2025年6月13日前" "correction: the period set"
expect_in "$tmp/out" "请写明项目名称" "correction: what to supplement"
# refused: a step not recorded, an unknown document, a bad template
expect_rc 2 "no reply yet" "$xxgk" case doc $t reply
expect_in "$tmp/err" "不能写答复书" "no reply: message"
expect_rc 2 "unknown document" "$xxgk" case doc $t letter
mkdir "$tmp/tpl"
printf '# 本机关的回执\n: {{申请人}}：\n收到日期 {{收到日期}}。\n' >"$tmp/tpl/receipt.txt"
x case doc $t receipt --templates "$tmp/tpl"
expect_in "$tmp/out" "<h1>本机关的回执</h1>" "the office's template"
XXGK_TEMPLATES=$tmp/tpl x case doc $t receipt
expect_in "$tmp/out" "本机关的回执" "\$XXGK_TEMPLATES"
x case doc $t fee --templates "$tmp/tpl"
expect_in "$tmp/out" "收费通知书" "a document the folder lacks: the default"
printf '# 回执\n\n{{申请人名}}\n' >"$tmp/tpl/receipt.txt"
expect_rc 2 "unknown field" "$xxgk" case doc $t receipt --templates "$tmp/tpl"
expect_in "$tmp/err" "receipt.txt 第 3 行" "unknown field: its line"
expect_rc 2 "no folder" "$xxgk" case doc $t receipt --templates "$tmp/nope"

if ! command -v soffice >/dev/null || ! command -v pdftotext >/dev/null; then
  echo "SKIP: soffice or pdftotext not installed ($passed passed so far)"
  exit 77
fi
# One start of LibreOffice for every file, with a private profile.
expect_rc 0 "soffice" soffice "-env:UserInstallation=file://$tmp/lo" \
  --headless --convert-to pdf --outdir "$tmp" "${docs[@]}"
pdf() { # name, then the texts its PDF must hold
  local f=$tmp/$1.pdf
  shift
  [ -s "$f" ] || { fail "$f: no PDF"; return; }
  [ "$(pdfinfo "$f" | sed -n 's/^Pages: *//p')" = 1 ] && ok || fail "$f: not one page"
  pdftotext "$f" - | tr -d ' \n' >"$f.txt"
  for want in "$@"; do expect_in "$f.txt" "$want" "$f"; done
}
while read -r outcome want; do
  pdf "reply-$outcome" 政府信息公开申请答复书 "${want// /}" 六个月内依法向人民法院提起行政诉讼
done <"$tmp/law"
pdf receipt 政府信息公开申请受理回执 "某<公司>" 第三十三条
pdf correction 政府信息公开申请补正告知书 第三十条 请写明项目名称
pdf consult 政府信息公开征求意见函 第三十二条、第三十四条 某化工有限公司
pdf extension 政府信息公开申请延期答复告知书 第三十三条第二款
pdf fee 政府信息公开信息处理费收费通知书 1700元 国办函〔2020〕109号
summary
