# tsv.cmake — what the scripts that turn a tab-separated data file into C
# share (include() it with NO_POLICY_SCOPE, so that its policies hold in
# the script): reading the file's lines.
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
