# cmake -P script, run at build time (host/CMakeLists.txt): entrybench.1
# from entrybench's own help texts (help2man over `entrybench --help` and
# --version, with a section per command from `entrybench COMMAND --help`),
# and the bash completion from its option tables (`--complete bash`).
#
#   -DEB=<entrybench> -DHELP2MAN=<help2man> -DMAN=<out.1> -DCOMPLETION=<out>
#   -DKERNELDIR= -DPLOTSDIR= -DLINUXGUESTDIR=   (install dirs, for FILES)
cmake_minimum_required(VERSION 3.20)

execute_process(COMMAND ${EB} --complete bash OUTPUT_FILE ${COMPLETION}
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${EB} --complete bash: exit status ${rc}")
endif()

# Text as roff shows it: backslashes and hyphens escaped (a hyphen in an
# option must stay an ASCII minus when pasted), and no line taken for a
# request.
function(roff out text)
  string(REPLACE "\\" "\\e" text "${text}")
  string(REPLACE "-" "\\-" text "${text}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

execute_process(COMMAND ${EB} --help OUTPUT_VARIABLE top RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${EB} --help: exit status ${rc}")
endif()
# The command list of `entrybench --help`: "  name     summary".
string(REGEX MATCHALL "\n  [a-z][a-z0-9-]* " lines "${top}")
set(include "[COMMANDS]\n")
foreach(line ${lines})
  string(STRIP "${line}" cmd)
  execute_process(COMMAND ${EB} ${cmd} --help OUTPUT_VARIABLE help
    RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${EB} ${cmd} --help: exit status ${rc}")
  endif()
  roff(help "${help}")
  string(APPEND include ".SS ${cmd}\n.nf\n${help}.fi\n")
endforeach()

roff(kernels "${KERNELDIR}")
roff(guest "${LINUXGUESTDIR}")
roff(plots "${PLOTSDIR}")
string(APPEND include "
[FILES]
An installed entrybench (bin/entrybench under a prefix P) takes its data
relative to P, so that P can be moved whole; run from its build tree, it
takes the build's.
.TP
.I P/${kernels}/
the bench kernel's images (kernel\\-MODE.pvh.elf, kernel\\-MODE.mb.elf) and
build\\-info.json; \\-\\-kernel\\-dir or ENTRYBENCH_KERNEL_DIR override it
.TP
.I P/${guest}/initramfs.cpio.gz
the linux tier's guest
.TP
.I P/${plots}/
the gnuplot scripts of `plot'; \\-\\-scripts or ENTRYBENCH_PLOTS_DIR override it

[ENVIRONMENT]
.TP
.B ENTRYBENCH_KERNEL_DIR
the kernel images, when \\-\\-kernel\\-dir is not given
.TP
.B ENTRYBENCH_PLOTS_DIR
the gnuplot scripts, when \\-\\-scripts is not given

[SEE ALSO]
README.md and SCHEMA.md (the results file format) in the documentation
directory of the installation.
")

# The footer's version: the revision as short as results show it.
execute_process(COMMAND ${EB} --version OUTPUT_VARIABLE version
  OUTPUT_STRIP_TRAILING_WHITESPACE)
string(REGEX REPLACE "(revision [0-9a-f]+)[0-9a-f]{28}" "\\1" version "${version}")

get_filename_component(dir "${MAN}" DIRECTORY)
set(inc "${dir}/entrybench.h2m")
file(WRITE "${inc}" "${include}")
execute_process(COMMAND ${HELP2MAN} --no-info --section=1
    "--name=benchmark x86 kernel entry and exit paths in QEMU"
    "--version-string=${version}" --include=${inc} --output=${MAN} ${EB}
  RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "help2man: ${err}")
endif()
