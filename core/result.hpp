#pragma once
// Result<T>: a value or an Error that carries the TLS alert to send and a reason a
// person can act on. C++20 has no std::expected, so this is our small version.
#include <cassert>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

#include "core/alert.hpp"

namespace glass::core {

struct Error {
  Alert alert = Alert::internal_error;
  std::string reason;

  // "decode_error: ClientHello truncated at offset 12"
  std::string to_string() const;
};

inline Error make_error(Alert a, std::string reason) { return Error{a, std::move(reason)}; }

template <class T>
class [[nodiscard]] Result {
  static_assert(!std::is_same_v<std::decay_t<T>, Error>, "Result<Error> is meaningless");

 public:
  Result(const T& v) : v_(std::in_place_index<0>, v) {}
  Result(T&& v) : v_(std::in_place_index<0>, std::move(v)) {}
  template <class U, class = std::enable_if_t<std::is_constructible_v<T, U&&> &&
                                              !std::is_same_v<std::decay_t<U>, Error> &&
                                              !std::is_same_v<std::decay_t<U>, Result>>>
  Result(U&& v) : v_(std::in_place_index<0>, T(std::forward<U>(v))) {}
  Result(Error e) : v_(std::in_place_index<1>, std::move(e)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { assert(ok()); return std::get<0>(v_); }
  const T& value() const& { assert(ok()); return std::get<0>(v_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const& { assert(!ok()); return std::get<1>(v_); }
  Error&& error() && { assert(!ok()); return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error e) : err_(std::move(e)), failed_(true) {}
  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }
  const Error& error() const& { assert(failed_); return err_; }
  Error&& error() && { assert(failed_); return std::move(err_); }

 private:
  Error err_;
  bool failed_ = false;
};

using Status = Result<void>;

}  // namespace glass::core

#define GLASS_CONCAT_INNER_(a, b) a##b
#define GLASS_CONCAT_(a, b) GLASS_CONCAT_INNER_(a, b)

// GLASS_TRY(auto x, expr); declares x from a Result or returns its Error.
#define GLASS_TRY(decl, expr)                                          \
  auto GLASS_CONCAT_(glass_try_, __LINE__) = (expr);                   \
  if (!GLASS_CONCAT_(glass_try_, __LINE__))                            \
    return std::move(GLASS_CONCAT_(glass_try_, __LINE__)).error();     \
  decl = std::move(*GLASS_CONCAT_(glass_try_, __LINE__))

// GLASS_CHECK(expr); returns the Error of a failed Result/Status.
#define GLASS_CHECK(expr)                                          \
  do {                                                             \
    auto glass_check_r_ = (expr);                                  \
    if (!glass_check_r_) return std::move(glass_check_r_).error(); \
  } while (0)
