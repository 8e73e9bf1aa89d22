#include "iceaxe/migrations/revision_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <system_error>

namespace iceaxe::migrations {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view whitespace = " \t\r\n\f\v";

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(whitespace);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(whitespace) - first + 1);
}

bool is_ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

std::string describe(const fs::path& path) {
  return path.empty() ? "<text>" : path.string();
}

[[noreturn]] void fail(const fs::path& path, std::string_view what) {
  throw MigrationError(fmt::format("{}: {}", describe(path), what));
}

[[noreturn]] void fail_at(const fs::path& path, std::size_t line, std::string_view what) {
  throw MigrationError(fmt::format("{}:{}: {}", describe(path), line, what));
}

// Calls visit(line, start, next) for each line of `text`: its content without the end of
// line ("\n" or "\r\n"), where it starts, where the next one starts.
template <class Visit>
void for_each_line(std::string_view text, Visit visit) {
  for (std::size_t start = 0; start < text.size();) {
    const auto end = std::min(text.find('\n', start), text.size());
    const auto next = std::min(end + 1, text.size());
    auto line = text.substr(start, end - start);
    if (line.ends_with('\r')) line.remove_suffix(1);
    visit(line, start, next);
    start = next;
  }
}

// `sql` from its first non-blank line to the end of its last one, without the carriage
// returns ending that: render() follows it with '\n', which would turn the last of them into
// part of a "\r\n" line end, so the text would not read back as it was.
std::string_view strip_blank_lines(std::string_view sql) {
  std::size_t begin = sql.size();
  std::size_t end = 0;
  for_each_line(sql, [&](std::string_view line, std::size_t start, std::size_t) {
    if (trim(line).empty()) return;
    begin = std::min(begin, start);
    end = start + line.find_last_not_of('\r') + 1;  // not blank: something else is there
  });
  return begin < end ? sql.substr(begin, end - begin) : std::string_view{};
}

// A `-- key: value` comment with a lower-case key: a header, or a section marker (key
// "migrate"). Other comments ("-- Note: ...", "-- TODO") are not.
struct KeyLine {
  std::string_view key;
  std::string_view value;
};

std::optional<KeyLine> key_line(std::string_view line) {
  line = trim(line);
  if (!line.starts_with("--")) return std::nullopt;
  line = trim(line.substr(2));
  const auto key_end = std::min(line.find_first_not_of("abcdefghijklmnopqrstuvwxyz_"), line.size());
  const auto colon = line.find_first_not_of(" \t", key_end);
  if (key_end == 0 || colon == std::string_view::npos || line[colon] != ':') return std::nullopt;
  return KeyLine{line.substr(0, key_end), trim(line.substr(colon + 1))};
}

bool has_marker_line(std::string_view sql) {
  bool found = false;
  for_each_line(sql, [&](std::string_view line, std::size_t, std::size_t) {
    const auto key = key_line(line);
    found = found || (key && key->key == "migrate");
  });
  return found;
}

// Why `id` cannot be a revision id; empty when it can. No '_': in a file name the revision
// is what comes before the first one.
std::string revision_id_problem(std::string_view id) {
  if (id.empty()) return "is empty";
  const auto allowed = [](char c) { return is_ascii_alnum(c) || c == '-' || c == '.'; };
  if (!std::ranges::all_of(id, allowed)) {
    return fmt::format("'{}' has characters other than ASCII letters, digits, '-' and '.'", id);
  }
  return {};
}

std::string header_line(std::string_view key, std::string_view value) {
  return value.empty() ? fmt::format("-- {}:\n", key) : fmt::format("-- {}: {}\n", key, value);
}

std::string format_revision_id(std::chrono::sys_time<std::chrono::milliseconds> time) {
  const auto day = std::chrono::floor<std::chrono::days>(time);
  const std::chrono::year_month_day date{day};
  const std::chrono::hh_mm_ss clock{time - day};
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}{:03}Z", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                     clock.hours().count(), clock.minutes().count(), clock.seconds().count(),
                     clock.subseconds().count());
}

bool names_revision(const fs::path& file, std::string_view revision) {
  const auto name = file.filename().string();
  return name.size() > revision.size() && name.starts_with(revision) &&
         name[revision.size()] == '_';
}

// The `*.sql` files directly in `dir`, by name; none when `dir` does not exist.
std::vector<fs::path> revision_files(const fs::path& dir) {
  std::error_code error;
  fs::directory_iterator entry(dir, error);
  if (error == std::errc::no_such_file_or_directory) return {};
  std::vector<fs::path> files;
  for (; !error && entry != fs::directory_iterator(); entry.increment(error)) {
    std::error_code unreadable;  // a dangling link, say: not a revision file
    if (entry->path().extension() == ".sql" && entry->is_regular_file(unreadable)) {
      files.push_back(entry->path());
    }
  }
  if (error) fail(dir, fmt::format("cannot list the directory: {}", error.message()));
  std::ranges::sort(files);
  return files;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(path, "cannot open the file");
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// `revisions` (read from `dir`) put in chain order, or the reason they form no chain.
std::vector<Revision> chain_order(const fs::path& dir, std::vector<Revision> revisions) {
  const auto name = [&](std::size_t i) { return revisions[i].path.filename().string(); };
  std::map<std::string_view, std::size_t> by_revision;
  for (std::size_t i = 0; i < revisions.size(); ++i) {
    const auto [first, inserted] = by_revision.emplace(revisions[i].revision, i);
    if (!inserted) {
      fail(dir, fmt::format("{} and {} have the same revision {}", name(first->second), name(i),
                            revisions[i].revision));
    }
  }
  std::map<std::string_view, std::size_t> successor;  // revision -> the one following it
  std::vector<std::size_t> roots;
  for (std::size_t i = 0; i < revisions.size(); ++i) {
    const auto& down_revision = revisions[i].down_revision;
    if (down_revision.empty()) {
      roots.push_back(i);
      continue;
    }
    if (!by_revision.contains(down_revision)) {
      fail(revisions[i].path,
           fmt::format("down_revision {} matches no revision in {} (a broken chain)", down_revision,
                       dir.string()));
    }
    const auto [other, inserted] = successor.emplace(down_revision, i);
    if (!inserted) {
      fail(dir, fmt::format("{} and {} both follow revision {} (a fork: make one of them follow "
                            "the other)",
                            name(other->second), name(i), down_revision));
    }
  }
  if (roots.size() > 1) {
    fail(dir, fmt::format("{} and {} both have an empty down_revision; only the first revision "
                          "may",
                          name(roots[0]), name(roots[1])));
  }
  if (roots.empty() && !revisions.empty()) {
    fail(dir,
         "no revision has an empty down_revision, so there is no first one (the "
         "down_revisions form a cycle)");
  }

  std::vector<std::size_t> order;
  if (!roots.empty()) {
    for (std::size_t i = roots.front();;) {
      order.push_back(i);
      const auto next = successor.find(revisions[i].revision);
      if (next == successor.end()) break;
      i = next->second;
    }
  }
  if (order.size() < revisions.size()) {
    std::vector<bool> reached(revisions.size());
    for (const auto i : order) reached[i] = true;
    std::string unreached;
    for (std::size_t i = 0; i < revisions.size(); ++i) {
      if (!reached[i]) unreached += (unreached.empty() ? "" : ", ") + name(i);
    }
    fail(dir, fmt::format("{} cannot be reached from the first revision (their down_revisions "
                          "form a cycle)",
                          unreached));
  }

  std::vector<Revision> chain;
  chain.reserve(order.size());
  for (const auto i : order) chain.push_back(std::move(revisions[i]));
  return chain;
}

}  // namespace

std::string render(const Revision& revision) {
  if (const auto problem = revision_id_problem(revision.revision); !problem.empty()) {
    throw MigrationError(fmt::format("cannot write a revision whose id {}", problem));
  }
  const auto fail_render = [&](std::string_view what) {
    throw MigrationError(fmt::format("revision {}: {}", revision.revision, what));
  };
  if (!revision.down_revision.empty()) {
    const auto problem = revision_id_problem(revision.down_revision);
    if (!problem.empty()) fail_render(fmt::format("down_revision {}", problem));
  }
  if (revision.message.find_first_of("\r\n") != std::string::npos) {
    fail_render("the message must be a single line");
  }
  using Section = std::pair<std::string_view, const std::string*>;
  for (const auto& [name, sql] : {Section{"up", &revision.up_sql}, {"down", &revision.down_sql}}) {
    if (has_marker_line(*sql)) {
      fail_render(
          fmt::format("its {} SQL has a '-- migrate:' line, which would end the section", name));
    }
  }

  std::string text = header_line("revision", revision.revision) +
                     header_line("down_revision", revision.down_revision) +
                     header_line("message", revision.message) +
                     header_line("use_transaction", revision.use_transaction ? "true" : "false");
  for (const auto& [name, sql] : {Section{"up", &revision.up_sql}, {"down", &revision.down_sql}}) {
    text += fmt::format("-- migrate:{}\n", name);
    if (const auto body = strip_blank_lines(*sql); !body.empty()) {
      text += body;
      text += '\n';
    }
  }
  return text;
}

Revision parse_revision(std::string_view text, const std::filesystem::path& path) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // the BOM some editors add

  Revision revision;
  revision.path = path;
  struct Marker {
    std::size_t line = 0;   // 0: not seen
    std::size_t start = 0;  // of the marker line
    std::size_t next = 0;   // the section's first line
  };
  Marker up;
  Marker down;
  std::map<std::string_view, std::size_t> header_lines;  // key -> its line
  std::size_t number = 0;
  for_each_line(text, [&](std::string_view line, std::size_t start, std::size_t next) {
    ++number;
    const auto key = key_line(line);
    if (key && key->key == "migrate") {
      if (key->value != "up" && key->value != "down") {
        fail_at(path, number,
                fmt::format("unknown section '-- migrate:{}' (the sections are up and down)",
                            key->value));
      }
      Marker& marker = key->value == "up" ? up : down;
      if (marker.line != 0) {
        fail_at(path, number,
                fmt::format("a second '-- migrate:{}' (the first is on line {})", key->value,
                            marker.line));
      }
      if (&marker == &down && up.line == 0) {
        fail_at(path, number, "'-- migrate:down' before '-- migrate:up' (up comes first)");
      }
      marker = {number, start, next};
      return;
    }
    if (up.line != 0 || trim(line).empty()) return;  // a section's SQL, or a blank line
    if (!key) {
      if (trim(line).starts_with("--")) return;
      fail_at(path, number, "SQL before '-- migrate:up'");
    }
    if (const auto [first, inserted] = header_lines.emplace(key->key, number); !inserted) {
      fail_at(path, number,
              fmt::format("a second '-- {}:' header (the first is on line {})", key->key,
                          first->second));
    }
    const auto check_revision_id = [&] {
      const auto problem = revision_id_problem(key->value);
      if (!problem.empty()) fail_at(path, number, fmt::format("{} {}", key->key, problem));
    };
    if (key->key == "revision") {
      check_revision_id();
      revision.revision = key->value;
    } else if (key->key == "down_revision") {
      if (!key->value.empty()) check_revision_id();
      revision.down_revision = key->value;
    } else if (key->key == "message") {
      revision.message = key->value;
    } else if (key->key == "use_transaction") {
      if (key->value != "true" && key->value != "false") {
        fail_at(path, number,
                fmt::format("use_transaction is '{}'; it must be true or false", key->value));
      }
      revision.use_transaction = key->value == "true";
    } else {
      fail_at(path, number,
              fmt::format("unknown header '-- {}:' (the headers are revision, down_revision, "
                          "message and use_transaction)",
                          key->key));
    }
  });

  if (!header_lines.contains("revision")) fail(path, "no '-- revision:' header");
  if (!header_lines.contains("down_revision")) {
    fail(path, "no '-- down_revision:' header (it is empty for the first revision)");
  }
  if (up.line == 0) fail(path, "no '-- migrate:up' section");
  if (down.line == 0) fail(path, "no '-- migrate:down' section");
  revision.up_sql = strip_blank_lines(text.substr(up.next, down.start - up.next));
  revision.down_sql = strip_blank_lines(text.substr(down.next));
  return revision;
}

std::string slugify(std::string_view message) {
  constexpr std::size_t max_length = 40;
  std::string slug;
  for (const char c : message) {
    if (is_ascii_alnum(c)) {
      slug += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    } else if (!slug.empty() && slug.back() != '_') {
      slug += '_';
    }
  }
  if (slug.size() > max_length) slug.resize(max_length);
  if (slug.ends_with('_')) slug.pop_back();
  return slug.empty() ? "migration" : slug;
}

std::string new_revision_id(std::chrono::system_clock::time_point now,
                            const std::filesystem::path& dir) {
  const auto files = revision_files(dir);
  for (auto time = std::chrono::floor<std::chrono::milliseconds>(now);;
       time += std::chrono::milliseconds(1)) {
    auto id = format_revision_id(time);
    const auto taken = [&](const fs::path& file) { return names_revision(file, id); };
    if (std::ranges::none_of(files, taken)) return id;
  }
}

std::filesystem::path write_revision(const std::filesystem::path& dir, const Revision& revision) {
  const auto text = render(revision);
  std::error_code error;
  fs::create_directories(dir, error);
  if (error) fail(dir, fmt::format("cannot create the directory: {}", error.message()));
  for (const auto& file : revision_files(dir)) {
    if (names_revision(file, revision.revision)) {
      fail(file, fmt::format("revision {} already exists; not overwriting it", revision.revision));
    }
  }

  const auto path = dir / fmt::format("{}_{}.sql", revision.revision, slugify(revision.message));
  struct Close {
    void operator()(std::FILE* file) const { std::fclose(file); }
  };
  // "x": fails if the file exists, even one created since the check above.
  std::unique_ptr<std::FILE, Close> file(std::fopen(path.c_str(), "wbx"));
  if (!file) {
    fail(path, fmt::format("cannot create the file: {}",
                           std::error_code(errno, std::generic_category()).message()));
  }
  const bool written = std::fwrite(text.data(), 1, text.size(), file.get()) == text.size();
  if (std::fclose(file.release()) != 0 || !written) {
    fs::remove(path, error);
    fail(path, "cannot write the file");
  }
  return path;
}

std::vector<Revision> load_revisions(const std::filesystem::path& dir) {
  std::vector<Revision> revisions;
  for (const auto& file : revision_files(dir)) {
    revisions.push_back(parse_revision(read_file(file), file));
    if (!names_revision(file, revisions.back().revision)) {
      fail(file, fmt::format("the file name does not start with its revision {} and '_'",
                             revisions.back().revision));
    }
  }
  return chain_order(dir, std::move(revisions));
}

}  // namespace iceaxe::migrations
