# All dependencies are Debian 12 packages (scripts/install-deps.sh installs them).
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(fmt REQUIRED)
find_package(Boost 1.74 REQUIRED)
pkg_check_modules(XXHASH REQUIRED IMPORTED_TARGET libxxhash)
# Readers' accounts: password hashing, tokens, comment Markdown.
pkg_check_modules(ARGON2 REQUIRED IMPORTED_TARGET libargon2)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(CMARK REQUIRED IMPORTED_TARGET libcmark)
# libpq-dev: the PostgreSQL store (src/store/postgres).
pkg_check_modules(LIBPQ REQUIRED IMPORTED_TARGET libpq)

# myhtml ships in libmodest-dev without a pkg-config file.
find_path(MYHTML_INCLUDE_DIR myhtml/api.h REQUIRED)
find_library(MODEST_LIBRARY modest REQUIRED)
add_library(wd_myhtml INTERFACE)
target_include_directories(wd_myhtml SYSTEM INTERFACE ${MYHTML_INCLUDE_DIR})
target_link_libraries(wd_myhtml INTERFACE ${MODEST_LIBRARY})

find_path(CLD2_INCLUDE_DIR cld2/public/compact_lang_det.h REQUIRED)
find_library(CLD2_LIBRARY cld2 REQUIRED)
add_library(wd_cld2 INTERFACE)
target_include_directories(wd_cld2 SYSTEM INTERFACE ${CLD2_INCLUDE_DIR})
target_link_libraries(wd_cld2 INTERFACE ${CLD2_LIBRARY})

find_path(MUSTACHE_INCLUDE_DIR kainjow/mustache.hpp REQUIRED)
add_library(wd_mustache INTERFACE)
target_include_directories(wd_mustache SYSTEM INTERFACE ${MUSTACHE_INCLUDE_DIR})

if(WIREDESK_TESTS)
  find_package(GTest REQUIRED)
endif()
