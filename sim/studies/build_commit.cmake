# Writes OUTPUT, a header defining REMOVALSIM_GIT_COMMIT as `git describe --always --dirty` of
# SOURCE_DIR (empty outside a checkout). Run at every build; the header is rewritten only when the
# commit changed, so an unchanged checkout recompiles nothing.
execute_process(
  COMMAND git -C "${SOURCE_DIR}" describe --always --dirty --abbrev=40
  OUTPUT_VARIABLE commit
  OUTPUT_STRIP_TRAILING_WHITESPACE
  ERROR_QUIET)
set(content "#pragma once\n#define REMOVALSIM_GIT_COMMIT \"${commit}\"\n")
set(previous "")
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" previous)
endif()
if(NOT previous STREQUAL content)
  file(WRITE "${OUTPUT}" "${content}")
endif()
