// WD_RETURN_IF_ERROR / WD_ASSIGN_OR_RETURN, shared by the store backends.
#pragma once

#include "core/result.h"

// Early return of a failed Status/Result; the store's code is a long chain of fallible calls.
// (They would sit better in core/result.h; #ifndef so that a later core version wins.)
#ifndef WD_RETURN_IF_ERROR
#define WD_RETURN_IF_ERROR(expr)                   \
  do {                                             \
    if (auto wd_status_ = (expr); !wd_status_) {   \
      return ::wiredesk::Fail(wd_status_.error()); \
    }                                              \
  } while (0)

#define WD_CONCAT_INNER_(a, b) a##b
#define WD_CONCAT_(a, b) WD_CONCAT_INNER_(a, b)
#define WD_ASSIGN_OR_RETURN(lhs, expr) \
  WD_ASSIGN_OR_RETURN_IMPL_(WD_CONCAT_(wd_result_, __LINE__), lhs, expr)
// NOLINTBEGIN(bugprone-macro-parentheses): `lhs` is a declaration, it cannot be parenthesised.
#define WD_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp) return ::wiredesk::Fail(tmp.error()); \
  lhs = std::move(*tmp)
// NOLINTEND(bugprone-macro-parentheses)
#endif
