# Strict warnings on SafetyNet's own targets only; third-party code is compiled with -w or
# included as SYSTEM so its warnings never fail our build.
function(safetynet_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wcast-align -Wimplicit-fallthrough)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 12)
    # GCC 12 reports impossible overlaps inside libstdc++'s std::string at -O2/-O3
    # (GCC bug 105329, 105651): false positives in the standard library, not in our code.
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(SAFETYNET_STRICT_WARNINGS)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
