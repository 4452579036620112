// Result<T>: a value or an Error, the return type of every fallible wiredesk function.
#pragma once

#include <utility>
#include <variant>

#include "core/error.h"

#if defined(__cpp_concepts) && __cpp_concepts >= 202002L && __has_include(<expected>)
#include <expected>
#endif

namespace wiredesk {

#if defined(__cpp_lib_expected)

template <typename T>
using Result = std::expected<T, Error>;
using Unexpected = std::unexpected<Error>;

#else

// Why not std::expected everywhere: clang-14, the only libFuzzer toolchain Debian 12 ships,
// cannot compile libstdc++ 12's <expected> (it needs __cpp_concepts >= 202002L). The fuzz
// build gets this minimal stand-in with the same spelling for the subset wiredesk uses.
class Unexpected {
 public:
  explicit Unexpected(Error e) : error_(std::move(e)) {}
  Error& error() & { return error_; }
  Error&& error() && { return std::move(error_); }

 private:
  Error error_;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result() requires std::is_default_constructible_v<T> : v_(std::in_place_index<0>) {}
  Result(const T& v) : v_(std::in_place_index<0>, v) {}                 // NOLINT
  Result(T&& v) : v_(std::in_place_index<0>, std::move(v)) {}           // NOLINT
  template <typename U>
    requires(std::is_constructible_v<T, U &&> && !std::is_same_v<std::decay_t<U>, T> &&
             !std::is_same_v<std::decay_t<U>, Unexpected> &&
             !std::is_same_v<std::decay_t<U>, Result>)
  Result(U&& v) : v_(std::in_place_index<0>, T(std::forward<U>(v))) {}  // NOLINT
  Result(Unexpected u) : v_(std::in_place_index<1>, std::move(u).error()) {}  // NOLINT

  bool has_value() const { return v_.index() == 0; }
  explicit operator bool() const { return has_value(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  Error& error() & { return std::get<1>(v_); }
  const Error& error() const& { return std::get<1>(v_); }
  template <typename U>
  T value_or(U&& d) const& {
    return has_value() ? value() : T(std::forward<U>(d));
  }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Unexpected u) : error_(std::move(u).error()), ok_(false) {}  // NOLINT
  bool has_value() const { return ok_; }
  explicit operator bool() const { return ok_; }
  void value() const {}
  const Error& error() const { return error_; }

 private:
  Error error_;
  bool ok_ = true;
};

#endif

// Status: a Result with nothing to return.
using Status = Result<void>;

inline Unexpected Fail(ErrorCode code, std::string message, std::string context = {}) {
  return Unexpected(MakeError(code, std::move(message), std::move(context)));
}
inline Unexpected Fail(Error e) { return Unexpected(std::move(e)); }

}  // namespace wiredesk

// Invariants of wiredesk itself. Never use for input from users or feeds.
#define WD_CHECK(cond)                                                              \
  do {                                                                              \
    if (!(cond)) ::wiredesk::CheckFailed(#cond, __FILE__, __LINE__);                \
  } while (0)

namespace wiredesk {
[[noreturn]] void CheckFailed(const char* expr, const char* file, int line);
}
