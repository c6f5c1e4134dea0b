# cli_docs.cmake — docs/cli.md, the command reference: `xxgk --help` and
# every subcommand's --help, in the order of cli/commands.def, as the
# built command writes them (so the reference is the help itself, laid out
# by the one writer of help, cli/opts.c, from the one description).
# Usage: cmake -DXXGK=build/xxgk -DDEF=cli/commands.def -DOUT=docs/cli.md
#        [-DCHECK=ON] -P cli_docs.cmake
# With CHECK, OUT is not written but compared: an error when it is stale.
file(STRINGS "${DEF}" commands REGEX "^command\t")
set(md "<!-- Generated from cli/commands.def by scripts/cli_docs.cmake (make cli-docs); do not edit. -->\n# xxgk 命令参考\n\n")
string(APPEND md "每个命令的 `--help`，与命令本身输出的完全相同。\n\n")
# help ARGS...: the help as a fenced block
function(help)
  execute_process(COMMAND "${XXGK}" ${ARGN} --help
    OUTPUT_VARIABLE text RESULT_VARIABLE rc ENCODING UTF-8)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "xxgk ${ARGN} --help exited ${rc}")
  endif()
  set(block "```\n${text}```\n\n" PARENT_SCOPE)
endfunction()
help()
string(APPEND md "${block}")
foreach(line ${commands})
  string(REGEX REPLACE "^command\t" "" name "${line}")
  help(${name})
  string(APPEND md "## xxgk ${name}\n\n${block}")
endforeach()
if(CHECK)
  file(READ "${OUT}" committed)
  if(NOT committed STREQUAL md)
    message(FATAL_ERROR "${OUT} is not what the command's --help says: run make cli-docs")
  endif()
else()
  file(WRITE "${OUT}" "${md}")
endif()
