# safetynet_embed(<target> FUNCTION <qualified name> HEADER <include> BASE <dir> FILES <file>...)
# Compiles the files into <target> as byte arrays behind the lookup function the header
# declares (see cmake/embed_files.py). Regenerated whenever a file changes.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
function(safetynet_embed target)
  cmake_parse_arguments(E "" "FUNCTION;HEADER;BASE" "FILES" ${ARGN})
  string(REPLACE "::" "_" _stem "${E_FUNCTION}")
  set(_out "${CMAKE_CURRENT_BINARY_DIR}/embedded_${_stem}.cpp")
  add_custom_command(
    OUTPUT "${_out}"
    COMMAND Python3::Interpreter "${PROJECT_SOURCE_DIR}/cmake/embed_files.py" --out "${_out}"
            --function "${E_FUNCTION}" --header "${E_HEADER}" --base "${E_BASE}" ${E_FILES}
    DEPENDS ${E_FILES} "${PROJECT_SOURCE_DIR}/cmake/embed_files.py"
    COMMENT "Embedding ${E_FUNCTION} (${target})"
    VERBATIM)
  target_sources(${target} PRIVATE "${_out}")
endfunction()
