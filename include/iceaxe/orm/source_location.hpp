#pragma once

// iceaxe::SourceLocation: std::source_location where the standard library has it, else a
// stand-in with the same members. libstdc++ 12 declares std::source_location only for
// compilers with __builtin_source_location, which clang 14 lacks (the fuzzing build uses it).

#include <cstdint>
#if __has_include(<source_location>)
#include <source_location>
#endif

namespace iceaxe {

#if defined(__cpp_lib_source_location)
using SourceLocation = std::source_location;
#else
class SourceLocation {
 public:
  constexpr SourceLocation() noexcept = default;

  // The builtins, as default arguments, give the location of the call to current(); as a
  // default argument itself, current() gives that of the call using it.
  static constexpr SourceLocation current(
      const char* file = __builtin_FILE(), const char* function = __builtin_FUNCTION(),
      std::uint_least32_t line = __builtin_LINE(),
      std::uint_least32_t column = __builtin_COLUMN()) noexcept {
    SourceLocation location;
    location.file_ = file;
    location.function_ = function;
    location.line_ = line;
    location.column_ = column;
    return location;
  }

  constexpr const char* file_name() const noexcept { return file_; }
  constexpr const char* function_name() const noexcept { return function_; }
  constexpr std::uint_least32_t line() const noexcept { return line_; }
  constexpr std::uint_least32_t column() const noexcept { return column_; }

 private:
  const char* file_ = "";
  const char* function_ = "";
  std::uint_least32_t line_ = 0;
  std::uint_least32_t column_ = 0;
};
#endif

}  // namespace iceaxe
