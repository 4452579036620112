// Error values: the failures callers are expected to handle (bad input, network, storage).
#pragma once

#include <string>
#include <string_view>

namespace wiredesk {

enum class ErrorCode {
  kNetwork,
  kHttpStatus,
  kTimeout,
  kParse,
  kUnsupported,
  kNotFound,
  kConflict,
  kStorage,
  kInvalidArgument,
  kInternal,
};

std::string_view ErrorCodeName(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  // One sentence a user can act on; no trailing period, no newline.
  std::string message;
  // Where it happened: a file, a URL, a table. May be empty.
  std::string context;

  // "context: message" on one line, as the CLI prints it.
  std::string ToString() const;
};

inline Error MakeError(ErrorCode code, std::string message, std::string context = {}) {
  return Error{code, std::move(message), std::move(context)};
}

}  // namespace wiredesk
