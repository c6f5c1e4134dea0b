#!/usr/bin/env bash
# render.sh — `xxgk render`, `xxgk sum` and `xxgk diff` as a user meets them:
# help, every output format from text and from JSON, the structure of the
# DOCX and HTML (check_report.py), reading every format back, exit codes.
xxgk=$1
data=$2
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
nankai=$data/tianjin-nankai-2023.txt
jinghai=$data/tianjin-jinghai-office-2019.txt
units=("$data/tianjin-nankai-2023.txt" "$data/chongqing-nanan-2023.txt"
       "$data/laocheng-2023.txt" "$data/shunhe-bigdata-2023.txt")

for cmd in render sum diff; do
  expect_rc 0 "help $cmd" "$xxgk" $cmd --help
  expect_in "$tmp/out" "示例" "help $cmd has examples"
done
expect_rc 2 "render --to pdf" "$xxgk" render --to pdf "$nankai"
expect_in "$tmp/err" "--to 只能是" "bad --to named"
expect_rc 2 "render two inputs" "$xxgk" render "$nankai" "$jinghai"
expect_rc 2 "render missing file" "$xxgk" render "$tmp/nope.txt"
expect_rc 2 "render -o .pdf" "$xxgk" render -o "$tmp/x.pdf" "$nankai"

# Tables only: the keys of docs/annual-report.md, sections left out.
tables() {
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); d.pop('sections',None); print(json.dumps(d,sort_keys=True))" "$1"
}

# Every format from a 2019 text report; HTML and DOCX from 2021 JSON too
# (test_render reads every sample back in every format).
for src in "$jinghai" "$data/chongqing-nanan-2023.expected.json"; do
  name=$(basename "$src")
  "$xxgk" parse "$src" >"$tmp/want.json" 2>/dev/null
  formats="html docx md txt json"
  case $src in *.json) formats="html docx" ;; esac
  for f in $formats; do
    expect_rc 0 "render $f $name" "$xxgk" render --to $f -o "$tmp/r.$f" "$src"
    expect_rc 0 "parse back $f $name" "$xxgk" parse "$tmp/r.$f"
    cp "$tmp/out" "$tmp/back.json"
    if [ "$(tables "$tmp/want.json")" = "$(tables "$tmp/back.json")" ]; then ok; else fail "$f $name: tables differ after a round trip"; fi
    case $src in # text in: the narrative comes back too
      *.txt) cmp -s "$tmp/want.json" "$tmp/back.json" && ok || fail "$f $name: narrative differs after a round trip" ;;
    esac
  done
  expect_rc 0 "docx structure $name" python3 "$here/check_report.py" docx "$tmp/r.docx"
  expect_rc 0 "html structure $name" python3 "$here/check_report.py" html "$tmp/r.html"
done

# The format from -o's extension; HTML by default; standard input.
expect_rc 0 "-o .docx" "$xxgk" render -o "$tmp/x.docx" "$nankai"
[ "$(head -c 2 "$tmp/x.docx")" = "PK" ] && ok || fail "-o .docx is not a ZIP"
expect_rc 0 "render stdin" sh -c "\"$xxgk\" render - < \"$nankai\""
expect_in "$tmp/out" "<!DOCTYPE html>" "HTML by default"
expect_in "$tmp/out" 'data-key="active.fees.amount">9872.3034</td>' "figure keyed"
expect_rc 0 "render txt" "$xxgk" render --to txt "$nankai"
expect_in "$tmp/out" "| 行政许可       |                                      93773 |" "txt merged figure"
expect_rc 0 "render md" "$xxgk" render --to md "$jinghai"
expect_in "$tmp/out" "## 六、其他需要报告的事项" "md headings"
# DOCX to a pipe is fine (only a terminal is refused)
"$xxgk" render --to docx "$nankai" | head -c 2 | grep -q PK && ok || fail "docx to a pipe"

# sum: the figures, the exit codes, mixed formats named
expect_rc 0 "sum" "$xxgk" sum --agency 测试市 "${units[@]}"
expect_in "$tmp/out" '"title": "测试市2023年政府信息公开工作年度报告"' "sum title"
python3 - "$tmp/out" <<'PY' && ok || fail "sum figures"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["applications"]["received"]["total"] == 1312          # 929+235+148+0
assert d["active"]["punishment"]["decisions"] == 937936        # 2513+935423
assert str(d["active"]["fees"]["amount"]) == "12356.3034"      # exact
assert d["processing_fees"]["notices"] is None                 # not all state it
PY
expect_rc 0 "sum --to txt" "$xxgk" sum --to txt "${units[@]}"
expect_in "$tmp/out" "（本部分应概述" "sum placeholder"
expect_rc 2 "sum mixed formats" "$xxgk" sum "$nankai" "$jinghai"
expect_in "$tmp/err" "2019年格式：$jinghai" "mixed formats named"
sed 's/^\t921$/\t922/' "$nankai" >"$tmp/bad.txt"
expect_rc 1 "sum with an inconsistent input" "$xxgk" sum "$tmp/bad.txt" "${units[@]:1}"
expect_in "$tmp/err" "$tmp/bad.txt 本身有" "inconsistent input listed"
expect_rc 2 "sum unreadable" "$xxgk" sum "$nankai" "$tmp/nope.txt"
expect_rc 2 "sum --year" "$xxgk" sum --year 20x3 "$nankai"

# diff: a constructed pair with a Y1 break, and one that follows on
python3 - "$data/tianjin-nankai-2023.expected.json" "$tmp" <<'PY'
import json, sys
cur = json.load(open(sys.argv[1]))
prev = json.loads(json.dumps(cur))
prev["year"] = 2022
prev["applications"]["carried_forward"] = dict(cur["applications"]["carried_over"])
for g in prev["reviews"].values():
    g["pending"] = 0
json.dump(prev, open(sys.argv[2] + "/prev-ok.json", "w"), ensure_ascii=False)
prev["applications"]["carried_forward"]["natural_person"] = 14
prev["applications"]["carried_forward"]["total"] = 14
json.dump(prev, open(sys.argv[2] + "/prev-bad.json", "w"), ensure_ascii=False)
PY
expect_rc 0 "diff follows on" "$xxgk" diff "$tmp/prev-ok.json" "$nankai"
expect_in "$tmp/out" "跨年度检查0个错误" "no Y findings"
expect_rc 1 "diff Y1 break" "$xxgk" diff "$tmp/prev-bad.json" "$nankai"
expect_in "$tmp/out" "error Y1: “自然人”列" "Y1 named"
expect_in "$tmp/out" "四、结转下年度继续办理 / 自然人：14 → 9（-5，-35.7%）" "change with relative"
expect_rc 1 "diff --json" "$xxgk" diff --json "$tmp/prev-bad.json" "$nankai"
cp "$tmp/out" "$tmp/diff.json"
expect_rc 0 "diff json parses" python3 -c "import json; d=json.load(open('$tmp/diff.json')); assert d['errors']==2 and d['findings'][0]['expected']==14"
expect_rc 2 "diff one file" "$xxgk" diff "$nankai"
expect_rc 2 "diff unreadable" "$xxgk" diff "$nankai" "$tmp/nope.txt"
summary
