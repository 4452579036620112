// The fuzz targets' invariant check: abort, which libFuzzer reports as a crash with the input.
#pragma once

#include <cstdlib>

namespace wiredesk::fuzz {

inline void Require(bool ok) {
  if (!ok) std::abort();
}

}  // namespace wiredesk::fuzz
