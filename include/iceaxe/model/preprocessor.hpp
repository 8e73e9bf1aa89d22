#pragma once

// Preprocessor machinery behind ICEAXE_TABLE and ICEAXE_ENUM: a for-each over a list of
// entries (C++20 __VA_OPT__; 256 rescans bound the list at 256 entries), and splitting an
// entry that is either `name` or `(name, extra...)`.

#define ICEAXE_PP_CAT(a, b) ICEAXE_PP_CAT_I(a, b)
#define ICEAXE_PP_CAT_I(a, b) a##b
#define ICEAXE_PP_STR(x) ICEAXE_PP_STR_I(x)
#define ICEAXE_PP_STR_I(x) #x

#define ICEAXE_PP_EXPAND(...) \
  ICEAXE_PP_EXPAND4(ICEAXE_PP_EXPAND4(ICEAXE_PP_EXPAND4(ICEAXE_PP_EXPAND4(__VA_ARGS__))))
#define ICEAXE_PP_EXPAND4(...) \
  ICEAXE_PP_EXPAND3(ICEAXE_PP_EXPAND3(ICEAXE_PP_EXPAND3(ICEAXE_PP_EXPAND3(__VA_ARGS__))))
#define ICEAXE_PP_EXPAND3(...) \
  ICEAXE_PP_EXPAND2(ICEAXE_PP_EXPAND2(ICEAXE_PP_EXPAND2(ICEAXE_PP_EXPAND2(__VA_ARGS__))))
#define ICEAXE_PP_EXPAND2(...) \
  ICEAXE_PP_EXPAND1(ICEAXE_PP_EXPAND1(ICEAXE_PP_EXPAND1(ICEAXE_PP_EXPAND1(__VA_ARGS__))))
#define ICEAXE_PP_EXPAND1(...) __VA_ARGS__

// macro(data, entry) for each entry.
#define ICEAXE_PP_FOR_EACH(macro, data, ...) \
  __VA_OPT__(ICEAXE_PP_EXPAND(ICEAXE_PP_FOR_EACH_STEP(macro, data, __VA_ARGS__)))
#define ICEAXE_PP_FOR_EACH_STEP(macro, data, entry, ...) \
  macro(data, entry) __VA_OPT__(ICEAXE_PP_FOR_EACH_AGAIN ICEAXE_PP_PARENS(macro, data, __VA_ARGS__))
#define ICEAXE_PP_PARENS ()
#define ICEAXE_PP_FOR_EACH_AGAIN() ICEAXE_PP_FOR_EACH_STEP

// 1 for `(a, ...)`, 0 for `a`.
#define ICEAXE_PP_IS_PAREN(x) ICEAXE_PP_IS_PAREN_CHECK(ICEAXE_PP_IS_PAREN_PROBE x)
#define ICEAXE_PP_IS_PAREN_PROBE(...) ~, 1
#define ICEAXE_PP_IS_PAREN_CHECK(...) ICEAXE_PP_SECOND(__VA_ARGS__, 0, ~)
#define ICEAXE_PP_SECOND(a, b, ...) b

// The name of `name` or `(name, extra...)`, and the extra part (empty for a bare name).
#define ICEAXE_PP_ENTRY_NAME(x) ICEAXE_PP_CAT(ICEAXE_PP_ENTRY_NAME_, ICEAXE_PP_IS_PAREN(x))(x)
#define ICEAXE_PP_ENTRY_NAME_0(x) x
#define ICEAXE_PP_ENTRY_NAME_1(x) ICEAXE_PP_HEAD x
#define ICEAXE_PP_ENTRY_EXTRA(x) ICEAXE_PP_CAT(ICEAXE_PP_ENTRY_EXTRA_, ICEAXE_PP_IS_PAREN(x))(x)
#define ICEAXE_PP_ENTRY_EXTRA_0(x)
#define ICEAXE_PP_ENTRY_EXTRA_1(x) ICEAXE_PP_TAIL x
#define ICEAXE_PP_HEAD(a, ...) a
#define ICEAXE_PP_TAIL(a, ...) __VA_ARGS__
