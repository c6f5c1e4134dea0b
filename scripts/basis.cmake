# basis.cmake — turns data/basis.tsv (the law of each reply outcome: the
# articles its legal basis may cite, the citation and the sentence of the
# 答复书) into the rows of lib/register/reg_basis.c's table, so the law is
# kept as data in one file and the C compiler still checks its shape.
# Usage: cmake -DIN=data/basis.tsv -DOUT=basis_rows.inc -P basis.cmake
include(${CMAKE_CURRENT_LIST_DIR}/tsv.cmake NO_POLICY_SCOPE)
tsv_rows(rows "${IN}")
set(out "/* Generated from ${IN} by scripts/basis.cmake; do not edit. */\n")
foreach(line IN LISTS rows)
  tsv_c_fields("${line}" "${IN}" outcome cites citation wording)
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
