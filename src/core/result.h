// Result<T>: the value of an expected failure, or the one-line message a therapist can act on.
// Expected failures (missing file, parse error, device won't open) travel as values, never as
// exceptions, so nothing unwinds across a thread or the audio callback.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace holdspace {

struct Error {
  std::string message;  // one line, says what went wrong and, where it can, what to do
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}
  Result(Error error) : state_(std::move(error)) {}

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  // By value, so `for (auto& x : make_result().value())` cannot dangle.
  T value() && { return std::get<T>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const { return std::get<Error>(state_); }

 private:
  std::variant<T, Error> state_;
};

// For operations that either succeed or explain why not.
struct Done {};
using Status = Result<Done>;

inline Status ok_status() { return Done{}; }

}  // namespace holdspace
