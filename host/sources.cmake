# The host library's sources: every .c file in these folders (ARCHITECTURE.md
# says what each holds).  main.c and cli/ (the commands) are the executable.
# Included by host/CMakeLists.txt and by the fuzz project, so that both build
# the same library: adding a file to a folder is all it takes.
set(EB_HOST_FOLDERS lib run tiers results stats plot counters xray)
set(EB_HOST_LIB_SOURCES)
foreach(folder ${EB_HOST_FOLDERS})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/${folder}/*.c)
  list(APPEND EB_HOST_LIB_SOURCES ${sources})
endforeach()
