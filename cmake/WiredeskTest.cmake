# wd_test(NAME SOURCES ... LIBS ...): one GoogleTest binary per module, registered with ctest.
# Tests run from the source tree root so they can read tests/data and sample/.
function(wd_test name)
  cmake_parse_arguments(T "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE ${T_LIBS} GTest::gtest GTest::gtest_main wd_warnings)
  add_test(NAME ${name} COMMAND ${name} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(${name} PROPERTIES ENVIRONMENT "WIREDESK_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
endfunction()
