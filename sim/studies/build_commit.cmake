# Writes OUTPUT, a header defining REMOVALSIM_GIT_COMMIT as `git describe --always --dirty` of
# SOURCE_DIR (empty outside a checkout). Run at every build; file(CONFIGURE) rewrites the header
# only when the commit changed, so an unchanged checkout recompiles nothing.
execute_process(
  COMMAND git -C "${SOURCE_DIR}" describe --always --dirty --abbrev=40
  OUTPUT_VARIABLE REMOVALSIM_GIT_COMMIT
  OUTPUT_STRIP_TRAILING_WHITESPACE
  ERROR_QUIET)
file(CONFIGURE OUTPUT "${OUTPUT}"
     CONTENT "#pragma once\n#define REMOVALSIM_GIT_COMMIT \"@REMOVALSIM_GIT_COMMIT@\"\n" @ONLY)
