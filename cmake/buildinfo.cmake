# What built this tree, for the provenance of every results file
# (results/SCHEMA.md, "provenance"): the toolchain is found once at
# configure time, the git revision at every build (write-buildinfo.cmake),
# so a commit without a re-configure is still recorded right.

find_program(EB_GIT git)
if(NOT EB_GIT)
  set(EB_GIT "")
endif()

# The first line of `<tool> --version`, or "unknown".
function(eb_tool_version out tool)
  execute_process(COMMAND ${tool} --version OUTPUT_VARIABLE text
    RESULT_VARIABLE rc ERROR_QUIET)
  if(rc EQUAL 0 AND text)
    string(REGEX REPLACE "\n.*" "" text "${text}")
    set(${out} "${text}" PARENT_SCOPE)
  else()
    set(${out} unknown PARENT_SCOPE)
  endif()
endfunction()

# The assembler and linker the C compiler runs (binutils), not whichever
# comes first in PATH.
function(eb_binutil out name)
  execute_process(COMMAND ${CMAKE_C_COMPILER} -print-prog-name=${name}
    OUTPUT_VARIABLE prog OUTPUT_STRIP_TRAILING_WHITESPACE
    RESULT_VARIABLE rc ERROR_QUIET)
  if(NOT rc EQUAL 0 OR NOT prog)
    set(prog ${name})
  endif()
  eb_tool_version(v ${prog})
  set(${out} "${v}" PARENT_SCOPE)
endfunction()

eb_tool_version(EB_BUILD_COMPILER ${CMAKE_C_COMPILER})
eb_binutil(EB_BUILD_ASSEMBLER as)
eb_binutil(EB_BUILD_LINKER ld)

# eb_buildinfo(<target> <output> header|json [-DNAME=VALUE...]): a target
# that runs at every build and rewrites <output> only when it changed.
function(eb_buildinfo target output format)
  add_custom_target(${target} ALL
    COMMAND ${CMAKE_COMMAND}
      -DSRC=${PROJECT_SOURCE_DIR} -DGIT=${EB_GIT} -DOUT=${output}
      -DFORMAT=${format} -DVERSION=${PROJECT_VERSION}
      -DBUILD_TYPE=${CMAKE_BUILD_TYPE}
      "-DCOMPILER=${EB_BUILD_COMPILER}" "-DASSEMBLER=${EB_BUILD_ASSEMBLER}"
      "-DLINKER=${EB_BUILD_LINKER}" ${ARGN}
      -P ${PROJECT_SOURCE_DIR}/cmake/write-buildinfo.cmake
    BYPRODUCTS ${output}
    VERBATIM)
endfunction()
