#include "core/error.h"

namespace wiredesk {

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kNetwork: return "network";
    case ErrorCode::kHttpStatus: return "http_status";
    case ErrorCode::kTimeout: return "timeout";
    case ErrorCode::kParse: return "parse";
    case ErrorCode::kUnsupported: return "unsupported";
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kConflict: return "conflict";
    case ErrorCode::kStorage: return "storage";
    case ErrorCode::kInvalidArgument: return "invalid_argument";
    case ErrorCode::kInternal: return "internal";
  }
  return "internal";
}

std::string Error::ToString() const {
  std::string out;
  if (!context.empty()) {
    out += context;
    out += ": ";
  }
  out += message;
  // A one-line error is a promise of the CLI: fold any newline a library slipped in.
  for (char& c : out) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

}  // namespace wiredesk
