# routes.cmake — the web application's route table, server/routes.tsv (its
# head says what the columns mean): written as C for the server, or checked
# against the API's document.
# Usage: cmake -DIN=server/routes.tsv -DOUT=srv_routes.c -P routes.cmake
#        cmake -DIN=server/routes.tsv -DDOC=docs/api.md -P routes.cmake
# The second fails naming each route that answers in JSON and that the
# document does not name, and each route the document names that the table
# does not answer in JSON ("GET /api/cases/{id}" in the document is the
# table's "GET /cases/*"; "/api/" may be left out).
cmake_minimum_required(VERSION 3.24)
file(STRINGS "${IN}" lines)
set(rows "")
set(json "")
set(n 0)
foreach(line IN LISTS lines)
  math(EXPR n "${n} + 1")
  if(line MATCHES "^#" OR line STREQUAL "")
    continue()
  endif()
  if(NOT line MATCHES "^(GET|POST)\t(/[^\t]*)\t(h_[a-z_]+)\t(public|user|report)\t(both|page|api)\t(forget|-)$")
    message(FATAL_ERROR "${IN}:${n}: not a route (method GET or POST, a path "
            "from /, a handler h_…, who public, user or report, answers both, page "
            "or api, sessions forget or -, separated by tabs): ${line}")
  endif()
  set(flags "")
  if(CMAKE_MATCH_4 STREQUAL "public")
    list(APPEND flags "SRV_R_PUBLIC")
  elseif(CMAKE_MATCH_4 STREQUAL "report")
    list(APPEND flags "SRV_R_REPORT")
  endif()
  if(CMAKE_MATCH_5 STREQUAL "page")
    list(APPEND flags "SRV_R_PAGE")
  elseif(CMAKE_MATCH_5 STREQUAL "api")
    list(APPEND flags "SRV_R_API")
  endif()
  if(CMAKE_MATCH_6 STREQUAL "forget")
    list(APPEND flags "SRV_R_FORGET")
  endif()
  if(flags STREQUAL "")
    set(flags "0")
  endif()
  string(REPLACE ";" " | " flags "${flags}")
  string(APPEND rows "    {\"${CMAKE_MATCH_1}\", \"${CMAKE_MATCH_2}\", ${CMAKE_MATCH_3}, ${flags}},\n")
  if(NOT CMAKE_MATCH_5 STREQUAL "page")
    list(APPEND json "${CMAKE_MATCH_1} ${CMAKE_MATCH_2}")
  endif()
endforeach()

if(DEFINED OUT)
  file(WRITE "${OUT}.tmp"
       "/* Generated from ${IN} by scripts/routes.cmake; do not edit. */\n"
       "#include \"srv.h\"\n\n"
       "const struct srv_route srv_routes[] = {\n${rows}};\n"
       "const int srv_n_routes = (int)(sizeof srv_routes / sizeof srv_routes[0]);\n")
  # the same bytes leave the file alone: no rebuild of what includes nothing
  file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
  file(REMOVE "${OUT}.tmp")
endif()

if(DEFINED DOC)
  file(READ "${DOC}" text)
  string(REGEX MATCHALL "`(GET|POST) /[^` ?]*" named "${text}")
  set(documented "")
  foreach(route IN LISTS named)
    string(SUBSTRING "${route}" 1 -1 route)
    string(REGEX REPLACE " /api/" " /" route "${route}")
    string(REGEX REPLACE "{[^}]*}" "*" route "${route}")
    list(APPEND documented "${route}")
  endforeach()
  set(wrong "")
  foreach(route IN LISTS json)
    if(NOT route IN_LIST documented)
      string(APPEND wrong "\n  ${DOC} does not name ${route}")
    endif()
  endforeach()
  foreach(route IN LISTS documented)
    if(NOT route IN_LIST json)
      string(APPEND wrong "\n  ${DOC} names ${route}, which ${IN} does not answer in JSON")
    endif()
  endforeach()
  if(wrong)
    message(FATAL_ERROR "the API's routes and its document differ:${wrong}")
  endif()
  list(LENGTH json n_json)
  message(STATUS "${DOC} names each of the ${n_json} routes that answer in JSON")
endif()
