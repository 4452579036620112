#include <cstdio>
#include <cstdlib>

#include "core/result.h"

namespace wiredesk {

void CheckFailed(const char* expr, const char* file, int line) {
  std::fprintf(stderr, "wiredesk: internal invariant broken: %s at %s:%d\n", expr, file, line);
  std::abort();
}

}  // namespace wiredesk
