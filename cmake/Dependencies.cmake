# Third-party dependencies, all from Debian 12 packages (binary natively, source for WASM):
#   deps::json        nlohmann/json 3.11   header-only (nlohmann-json3-dev)
#   deps::doctest     doctest 2.4          header-only (doctest-dev)
#   deps::sodium      libsodium 1.0.18     native: libsodium-dev        wasm: $SAFETYNET_DEPS_PREFIX
#   deps::qrcodegen   qrcodegen 1.8 (C++)  native: libqrcodegencpp-dev  wasm: $SAFETYNET_DEPS_PREFIX
#   deps::imgui       Dear ImGui 1.86      compiled here from the Debian source package, with our
#                                          ui/shell/imconfig_safetynet.h (no demo window, no file I/O)
#   deps::imgui_backends  its OpenGL3 renderer (WebGL2 / GLES3), for the browser programs; their
#                                          platform layer is web/imgui_platform.cpp (no SDL)
#   deps::harfbuzz    HarfBuzz 6.0 (shaping)  native: libharfbuzz-dev  wasm: $SAFETYNET_DEPS_PREFIX (HB_TINY)
#   deps::fribidi     FriBidi 1.0 (bidi)      native: libfribidi-dev   wasm: $SAFETYNET_DEPS_PREFIX
#                                          both only for the text shaper (ui/shaping), which the
#                                          browser loads as a module of its own
#   deps::curl        libcurl 7.88 (OpenSSL) native only: libcurl4-openssl-dev; the CLI's
#                                          `directory pull`, nothing else

#---------------------------------------------------------------- header-only libraries
if(EMSCRIPTEN)
  # /usr/include must never be on an emscripten include path (not even -isystem): glibc's
  # headers would shadow the sysroot's libc. Expose just the two library folders through symlinks.
  set(_hostinc "${CMAKE_BINARY_DIR}/host-include")
  file(MAKE_DIRECTORY "${_hostinc}")
  foreach(_h nlohmann doctest)
    if(NOT EXISTS "/usr/include/${_h}")
      message(FATAL_ERROR "/usr/include/${_h} is missing: run scripts/setup.sh")
    endif()
    if(NOT EXISTS "${_hostinc}/${_h}")
      file(CREATE_LINK "/usr/include/${_h}" "${_hostinc}/${_h}" SYMBOLIC)
    endif()
  endforeach()
  add_library(deps_json INTERFACE)
  target_include_directories(deps_json SYSTEM INTERFACE "${_hostinc}")
  add_library(deps_doctest INTERFACE)
  target_include_directories(deps_doctest SYSTEM INTERFACE "${_hostinc}")
else()
  find_package(nlohmann_json 3.10 REQUIRED)
  add_library(deps_json INTERFACE)
  target_link_libraries(deps_json INTERFACE nlohmann_json::nlohmann_json)
  add_library(deps_doctest INTERFACE)
endif()
# No ANSI colours: emscripten's isatty() says yes under node, and colour codes would garble
# doctest_discover_tests' list of names.
target_compile_definitions(deps_doctest INTERFACE DOCTEST_CONFIG_COLORS_NONE)
add_library(deps::json ALIAS deps_json)
add_library(deps::doctest ALIAS deps_doctest)
set(SAFETYNET_DOCTEST_CMAKE "/usr/lib/cmake/doctest/doctest.cmake")

#---------------------------------------------------------------- compiled libraries
if(EMSCRIPTEN)
  set(_p "${SAFETYNET_DEPS_PREFIX}")
  if(NOT EXISTS "${_p}/lib/libsodium.a")
    message(FATAL_ERROR "WASM dependencies not found in ${_p}: run scripts/setup.sh")
  endif()
  function(_safetynet_wasm_lib name file incdir)
    add_library(${name} STATIC IMPORTED GLOBAL)
    set_target_properties(${name} PROPERTIES IMPORTED_LOCATION "${_p}/lib/${file}"
                          INTERFACE_INCLUDE_DIRECTORIES "${incdir}")
  endfunction()
  _safetynet_wasm_lib(deps_sodium libsodium.a "${_p}/include")
  set_property(TARGET deps_sodium PROPERTY INTERFACE_COMPILE_DEFINITIONS SODIUM_STATIC=1)
  _safetynet_wasm_lib(deps_qrcodegen libqrcodegencpp.a "${_p}/include")
  # <hb.h> and <fribidi.h>, as with Debian's pkg-config flags natively.
  _safetynet_wasm_lib(deps_harfbuzz libharfbuzz.a "${_p}/include/harfbuzz")
  _safetynet_wasm_lib(deps_fribidi libfribidi.a "${_p}/include/fribidi")
else()
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
  pkg_check_modules(QRCODEGEN REQUIRED IMPORTED_TARGET qrcodegencpp)
  add_library(deps_sodium INTERFACE)
  target_link_libraries(deps_sodium INTERFACE PkgConfig::SODIUM)
  add_library(deps_qrcodegen INTERFACE)
  target_link_libraries(deps_qrcodegen INTERFACE PkgConfig::QRCODEGEN)
  pkg_check_modules(HARFBUZZ REQUIRED IMPORTED_TARGET harfbuzz)
  pkg_check_modules(FRIBIDI REQUIRED IMPORTED_TARGET fribidi)
  add_library(deps_harfbuzz INTERFACE)
  target_link_libraries(deps_harfbuzz INTERFACE PkgConfig::HARFBUZZ)
  add_library(deps_fribidi INTERFACE)
  target_link_libraries(deps_fribidi INTERFACE PkgConfig::FRIBIDI)
endif()
add_library(deps::sodium ALIAS deps_sodium)
add_library(deps::qrcodegen ALIAS deps_qrcodegen)
add_library(deps::harfbuzz ALIAS deps_harfbuzz)
add_library(deps::fribidi ALIAS deps_fribidi)
if(NOT EMSCRIPTEN)
  pkg_check_modules(CURL IMPORTED_TARGET libcurl>=7.85)  # 7.85: CURLOPT_PROTOCOLS_STR
  if(CURL_FOUND)
    add_library(deps_curl INTERFACE)
    target_link_libraries(deps_curl INTERFACE PkgConfig::CURL)
    add_library(deps::curl ALIAS deps_curl)
  endif()
endif()

#---------------------------------------------------------------- Dear ImGui
set(_i "${SAFETYNET_SOURCES_DIR}/imgui")
if(NOT EXISTS "${_i}/imgui.cpp")
  message(FATAL_ERROR "Dear ImGui sources not found in ${_i}: run scripts/setup.sh")
endif()
add_library(deps_imgui STATIC ${_i}/imgui.cpp ${_i}/imgui_draw.cpp ${_i}/imgui_tables.cpp
                              ${_i}/imgui_widgets.cpp)
target_include_directories(deps_imgui SYSTEM PUBLIC "${_i}")
target_compile_definitions(deps_imgui PUBLIC
  IMGUI_USER_CONFIG="${PROJECT_SOURCE_DIR}/ui/shell/imconfig_safetynet.h")
target_compile_options(deps_imgui PRIVATE -w)
add_library(deps::imgui ALIAS deps_imgui)

# Only ImGui's renderer: its GL calls go straight to Emscripten's WebGL functions, so only those
# it uses are linked (SDL's GL loader referenced every one: issue 16). The platform side (input,
# canvas size) is ours, web/imgui_platform.cpp. Nothing native draws, so native builds skip it.
if(EMSCRIPTEN)
  add_library(deps_imgui_backends STATIC ${_i}/backends/imgui_impl_opengl3.cpp)
  target_include_directories(deps_imgui_backends SYSTEM PUBLIC "${_i}/backends")
  target_link_libraries(deps_imgui_backends PUBLIC deps_imgui)
  target_compile_options(deps_imgui_backends PRIVATE -w)
  # 1.86 picks GLES2/WebGL1 on emscripten by default; WebGL2 is what every target browser has.
  target_compile_definitions(deps_imgui_backends PUBLIC IMGUI_IMPL_OPENGL_ES3)
  target_link_options(deps_imgui_backends INTERFACE -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2)
  add_library(deps::imgui_backends ALIAS deps_imgui_backends)
endif()
