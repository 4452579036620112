// A file built into the binary at build time (.incbin), so `wiredesk` and the tests find the
// shipped models wherever they run from, with no copy made at start-up.
#pragma once

#include <string_view>

// Defines `NAME_begin` and `NAME_end` around the bytes of PATH (a string literal, usually a
// compile definition set by CMake). At namespace scope, once per NAME.
#define WD_EMBED_FILE(NAME, PATH)                                  \
  __asm__(".pushsection .rodata\n"                                 \
          ".balign 16\n"                                           \
          ".global " #NAME "_begin\n"                              \
          ".hidden " #NAME "_begin\n" #NAME "_begin:\n"            \
          ".incbin \"" PATH "\"\n"                                 \
          ".global " #NAME "_end\n"                                \
          ".hidden " #NAME "_end\n" #NAME "_end:\n"                \
          ".popsection\n");                                        \
  extern "C" const char NAME##_begin[];                            \
  extern "C" const char NAME##_end[]
