# embed.cmake — turns a text file into a C string constant, so bundled data
# (the holiday calendar data/cn-holidays.tsv, the administrative divisions
# data/divisions.tsv, the web assets) travels inside the binary.
# Usage: cmake -DIN=file -DOUT=file.c -DNAME=symbol -P embed.cmake
file(READ "${IN}" content)
string(REPLACE "\\" "\\\\" content "${content}")
string(REPLACE "\"" "\\\"" content "${content}")
string(REPLACE "\t" "\\t" content "${content}")
# "??" would start a trigraph in C11; "\?" is the same character.
string(REPLACE "?" "\\?" content "${content}")
string(REPLACE "\n" "\\n\"\n\"" content "${content}")
file(WRITE "${OUT}" "/* Generated from ${IN} by scripts/embed.cmake; do not edit. */\nconst char ${NAME}[] =\n\"${content}\";\n")
