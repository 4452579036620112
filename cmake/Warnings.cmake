# Every wiredesk target compiles warning-free; third-party headers are -isystem.
add_library(wd_warnings INTERFACE)
target_compile_options(wd_warnings INTERFACE -Wall -Wextra -Werror -Wno-missing-field-initializers)
# GCC 12 reports -Wrestrict on std::string concatenation at -O2/-O3 inside libstdc++ itself
# (GCC bug 105329, fixed in 13): a false positive that -Werror would turn into a broken build.
# Likewise -Wmaybe-uninitialized through std::optional and std::variant at -O3 (GCC bugs
# 80635, 105562): still shown, no longer fatal.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(wd_warnings INTERFACE -Wno-restrict -Wno-error=maybe-uninitialized)
endif()
