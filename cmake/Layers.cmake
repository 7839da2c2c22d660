# The layering of the code, declared once and checked twice (docs/ARCHITECTURE.md):
#   - by the linker: each folder is its own library, linked only to the folders it declares;
#   - by a test (tests/layering): every #include in core/, ui/, web/ and cli/ must point into
#     its own folder, a folder it declares (directly or through those), or a library one of
#     them links. The declarations below are written to ${CMAKE_BINARY_DIR}/layers.txt for it.
#
# safetynet_layer(<folder> [DEPENDS <folder>...] [LINKS <external target>...] [EXECUTABLE])
#   <folder> is a source folder relative to the project root (core/base, ui/kiosk, web, cli);
#   the library is safetynet_<folder with / as _>, built from the folder's *.cpp. With
#   EXECUTABLE nothing is created here: the folder's CMakeLists.txt makes its own target and
#   only the declaration is recorded.
function(safetynet_layer_target out folder)
  string(REPLACE "/" "_" _t "${folder}")
  set(${out} "safetynet_${_t}" PARENT_SCOPE)
endfunction()

function(safetynet_layer folder)
  cmake_parse_arguments(L "EXECUTABLE" "" "DEPENDS;LINKS" ${ARGN})
  get_property(_known GLOBAL PROPERTY SAFETYNET_LAYERS)
  foreach(_d ${L_DEPENDS})
    if(NOT _d IN_LIST _known)
      message(FATAL_ERROR "layer ${folder} depends on ${_d}, which is not declared before it")
    endif()
  endforeach()
  set_property(GLOBAL APPEND PROPERTY SAFETYNET_LAYERS "${folder}")
  string(REPLACE ";" "," _deps "${L_DEPENDS}")
  set(_links)
  foreach(_l ${L_LINKS})
    string(REPLACE "deps::" "" _n "${_l}")
    list(APPEND _links "${_n}")
  endforeach()
  string(REPLACE ";" "," _links "${_links}")
  set_property(GLOBAL APPEND PROPERTY SAFETYNET_LAYER_LINES "${folder} : ${_deps} : ${_links}")
  if(L_EXECUTABLE)
    return()
  endif()
  safetynet_layer_target(_target "${folder}")
  file(GLOB _sources CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/${folder}/*.cpp")
  add_library(${_target} STATIC ${_sources})
  target_include_directories(${_target} PUBLIC "${PROJECT_SOURCE_DIR}")
  foreach(_d ${L_DEPENDS})
    safetynet_layer_target(_dt "${_d}")
    target_link_libraries(${_target} PUBLIC ${_dt})
  endforeach()
  target_link_libraries(${_target} PUBLIC ${L_LINKS})
  safetynet_warnings(${_target})
endfunction()

# Called once at the end of the root CMakeLists.txt.
function(safetynet_write_layers)
  get_property(_lines GLOBAL PROPERTY SAFETYNET_LAYER_LINES)
  string(REPLACE ";" "\n" _text "${_lines}")
  file(WRITE "${CMAKE_BINARY_DIR}/layers.txt"
       "# folder : declared folders : linked libraries (written by cmake/Layers.cmake)\n${_text}\n")
endfunction()
