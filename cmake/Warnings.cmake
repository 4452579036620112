# Every wiredesk target compiles warning-free; third-party headers are -isystem.
add_library(wd_warnings INTERFACE)
target_compile_options(wd_warnings INTERFACE -Wall -Wextra -Werror -Wno-missing-field-initializers)
