# basis.cmake — turns data/basis.tsv (the law of each reply outcome: the
# articles its legal basis may cite, the citation and the sentence of the
# 答复书) into the rows of lib/register/reg_basis.c's table, so the law is
# kept as data in one file and the C compiler still checks its shape.
# Usage: cmake -DIN=data/basis.tsv -DOUT=basis_rows.inc -P basis.cmake
cmake_policy(SET CMP0007 NEW) # an empty field is a list element too
file(READ "${IN}" content)
# Comments go first: they may hold what a row may not. The lines, then
# each row's tabs, become list separators, which ';', '[' and ']' upset.
string(REGEX REPLACE "(^|\n)#[^\n]*" "\\1" content "${content}")
if(content MATCHES "[][;]")
  message(FATAL_ERROR "${IN}: ';', '[' and ']' cannot stand in a row")
endif()
string(REPLACE "\n" ";" lines "${content}")
set(out "/* Generated from ${IN} by scripts/basis.cmake; do not edit. */\n")
foreach(line IN LISTS lines)
  if(line STREQUAL "")
    continue()
  endif()
  string(REPLACE "\\" "\\\\" line "${line}")
  string(REPLACE "\"" "\\\"" line "${line}")
  # "??" would start a trigraph in C11; "\?" is the same character.
  string(REPLACE "?" "\\?" line "${line}")
  string(REPLACE "\t" ";" fields "${line}")
  list(LENGTH fields n)
  if(NOT n EQUAL 4)
    message(FATAL_ERROR "${IN}: a row has ${n} fields, not 4: ${line}")
  endif()
  list(GET fields 0 outcome)
  list(GET fields 1 cites)
  list(GET fields 2 citation)
  list(GET fields 3 wording)
  set(c "")
  string(REPLACE " " ";" cites "${cites}")
  foreach(cite IN LISTS cites)
    if(cite MATCHES "^([0-9]+)\\.([0-9]+)$")
      string(APPEND c "{${CMAKE_MATCH_1}, ${CMAKE_MATCH_2}}, ")
    elseif(cite MATCHES "^[0-9]+$")
      string(APPEND c "{${cite}, 0}, ")
    else()
      message(FATAL_ERROR "${IN}: ${outcome}: \"${cite}\" is not ART or ART.ITEM")
    endif()
  endforeach()
  if(c STREQUAL "")
    set(c "{0, 0}") # no article: any basis is accepted
  endif()
  string(APPEND out "{\"${outcome}\", {${c}}, \"${citation}\", \"${wording}\"},\n")
endforeach()
file(WRITE "${OUT}" "${out}")
