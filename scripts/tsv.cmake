# tsv.cmake — what the scripts that turn a tab-separated data file into C
# share (include() it with NO_POLICY_SCOPE, so that its policies hold in
# the script): reading the file's lines and a line's fields.
cmake_minimum_required(VERSION 3.24) # empty fields are list elements (CMP0007)

# Sets var to the lines of file, a list in the file's order: a comment
# (a line that begins with #) and a blank line are empty elements, so an
# element's index still names its line. The lines, and then each line's
# tabs, become list separators, which ';', '[' and ']' would upset: a file
# that holds one is refused.
function(tsv_lines var file)
  file(READ "${file}" content)
  # Comments go first: they may hold what a field may not.
  string(REGEX REPLACE "(^|\n)#[^\n]*" "\\1" content "${content}")
  if(content MATCHES "[][;]")
    message(FATAL_ERROR "${file}: ';', '[' and ']' cannot stand in a field")
  endif()
  string(REPLACE "\n" ";" lines "${content}")
  set(${var} "${lines}" PARENT_SCOPE)
endfunction()

# Sets var to the rows of file: its lines without the comments and the
# blank ones, for a script that does not name a line by its number.
function(tsv_rows var file)
  tsv_lines(lines "${file}")
  list(REMOVE_ITEM lines "")
  set(${var} "${lines}" PARENT_SCOPE)
endfunction()

# Sets the variables named after line (a line of file), one a field, to
# its fields in order, each ready to stand between the quotes of a C
# string literal; a line with another number of fields is refused.
function(tsv_c_fields line file)
  string(REPLACE "\\" "\\\\" line "${line}")
  string(REPLACE "\"" "\\\"" line "${line}")
  # "??" would start a trigraph in C11; "\?" is the same character.
  string(REPLACE "?" "\\?" line "${line}")
  string(REPLACE "\t" ";" fields "${line}")
  list(LENGTH fields got)
  list(LENGTH ARGN n)
  if(NOT got EQUAL n)
    message(FATAL_ERROR "${file}: a row has ${got} fields, not ${n}: ${line}")
  endif()
  foreach(name value IN ZIP_LISTS ARGN fields)
    set(${name} "${value}" PARENT_SCOPE)
  endforeach()
endfunction()
