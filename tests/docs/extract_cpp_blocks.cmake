# Extracts the ```cpp blocks of a Markdown file into one C++ source file, so that the
# documentation's examples are compiled (and run) by the test build.
#
#   cmake -DINPUT=docs/tables.md -DOUTPUT=tables_examples.cpp -DNAMESPACE=docs_tables
#         -P extract_cpp_blocks.cmake
#
# - A block goes, in order, into `namespace NAMESPACE { ... }`: declarations (models,
#   enums, functions) as they are.
# - A block whose first line starts with `// in a function` is a list of statements: it
#   becomes the body of a function of its own, which the generated main() calls, in the
#   order of the file. Use assert() to show results; NDEBUG is never defined here.
# - `#include` lines are moved to the top of the file.
# - `#line` directives point compiler errors at the Markdown file's lines.
# - main() also builds every registered model's descriptor, which checks what the compiler
#   could not (table_args' column names).

cmake_minimum_required(VERSION 3.20)
cmake_policy(VERSION 3.20)

foreach(var INPUT OUTPUT NAMESPACE)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "extract_cpp_blocks.cmake: -D${var}=... is required")
  endif()
endforeach()

file(READ "${INPUT}" text)

set(includes "")
set(body "")
set(functions "")
set(in_block FALSE)
set(indent "")
set(block_first_line FALSE)
set(in_function FALSE)
set(block_count 0)
set(lineno 0)

while(NOT text STREQUAL "")
  string(FIND "${text}" "\n" newline)
  if(newline EQUAL -1)
    set(line "${text}")
    set(text "")
  else()
    string(SUBSTRING "${text}" 0 ${newline} line)
    math(EXPR next "${newline} + 1")
    string(SUBSTRING "${text}" ${next} -1 text)
  endif()
  math(EXPR lineno "${lineno} + 1")
  string(REGEX REPLACE "\r$" "" line "${line}")

  if(NOT in_block)
    if(line MATCHES "^([ ]*)```cpp[ ]*$")
      set(in_block TRUE)
      set(indent "${CMAKE_MATCH_1}")
      set(block_first_line TRUE)
      set(in_function FALSE)
      math(EXPR block_count "${block_count} + 1")
      math(EXPR code_line "${lineno} + 1")
    endif()
    continue()
  endif()

  if(line MATCHES "^[ ]*```[ ]*$")
    if(in_function)
      string(APPEND body "}\n")
    endif()
    set(in_block FALSE)
    continue()
  endif()

  # Remove the fence's indentation (blocks inside list items).
  string(LENGTH "${indent}" indent_length)
  if(indent_length GREATER 0)
    string(LENGTH "${line}" line_length)
    if(line_length GREATER_EQUAL indent_length)
      string(SUBSTRING "${line}" 0 ${indent_length} prefix)
      if(prefix STREQUAL indent)
        string(SUBSTRING "${line}" ${indent_length} -1 line)
      endif()
    endif()
  endif()

  if(block_first_line)
    set(block_first_line FALSE)
    if(line MATCHES "^// in a function")
      set(in_function TRUE)
      set(function_name "example_at_line_${code_line}")
      list(APPEND functions "${function_name}")
      string(APPEND body "\n[[maybe_unused]] void ${function_name}() {\n")
    endif()
    string(APPEND body "#line ${code_line} \"${INPUT}\"\n")
  endif()

  if(line MATCHES "^[ ]*#[ ]*include")
    string(APPEND includes "${line}\n")
    set(line "")
  endif()
  string(APPEND body "${line}\n")
endwhile()

if(in_block)
  message(FATAL_ERROR "${INPUT}: a ```cpp block is not closed")
endif()
if(block_count EQUAL 0)
  message(FATAL_ERROR "${INPUT}: no ```cpp block")
endif()

set(calls "")
foreach(function IN LISTS functions)
  string(APPEND calls "    ${NAMESPACE}::${function}();\n")
endforeach()

set(out "// Generated from ${INPUT} by extract_cpp_blocks.cmake: do not edit.\n")
string(APPEND out "// ${block_count} blocks.\n\n")
string(APPEND out "#undef NDEBUG\n#include <cassert>\n#include <cstdio>\n#include <exception>\n\n")
string(APPEND out "#include <iceaxe/iceaxe.hpp>\n\n")
string(APPEND out "${includes}\n")
string(APPEND out "namespace ${NAMESPACE} {\n\n${body}\n}  // namespace ${NAMESPACE}\n\n")
string(APPEND out "int main() {\n  try {\n")
string(APPEND out "    for (const iceaxe::ModelRef& model : iceaxe::registered_models()) (void)*model;\n")
string(APPEND out "${calls}")
string(APPEND out "  } catch (const std::exception& e) {\n")
string(APPEND out "    std::fprintf(stderr, \"%s\\n\", e.what());\n    return 1;\n  }\n")
string(APPEND out "  return 0;\n}\n")

# Rewrite only when the content changed, so an edit outside the blocks rebuilds nothing.
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" previous)
  if(previous STREQUAL out)
    return()
  endif()
endif()
file(WRITE "${OUTPUT}" "${out}")
