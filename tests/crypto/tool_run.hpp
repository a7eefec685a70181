#pragma once
// Helpers for tests that cross-check against real tools (openssl) run during the
// test: a scratch directory that removes itself, file I/O, running a command and
// parsing the hex dumps of `openssl pkey -text -noout`.
#include <doctest/doctest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>

#include "core/bytes.hpp"
#include "core/hex.hpp"

namespace glass::testing {

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "glass-test-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) std::abort();
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

inline void write_file(const std::string& path, core::ByteView data) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
}

inline core::Bytes read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return core::Bytes((std::istreambuf_iterator<char>(in)), {});
}

// Runs a shell command, returns its exit status; output goes to `output`.
inline int run(const std::string& cmd, std::string* output = nullptr) {
  FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  if (!p) return -1;
  std::string out;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int status = pclose(p);
  if (output) *output = out;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Runs a real tool during the test; a missing tool or a failure fails the test.
inline std::string tool(const std::string& cmd) {
  std::string out;
  const int rc = run(cmd, &out);
  REQUIRE_MESSAGE(rc == 0, "command failed (is openssl installed?): " << cmd << "\n" << out);
  return out;
}

// `openssl pkey -text -noout` prints "label:" lines followed by indented
// "xx:xx:..." hex lines, or "label: 65537 (0x10001)" for small numbers.
inline std::map<std::string, core::Bytes> parse_openssl_text(const std::string& text) {
  std::map<std::string, core::Bytes> out;
  std::map<std::string, std::string> hexes;
  std::string current;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string::npos) eol = text.size();
    std::string line = text.substr(pos, eol - pos);
    pos = eol + 1;
    if (line.empty()) continue;
    if (line[0] == ' ') {
      if (!current.empty()) hexes[current] += line;
      continue;
    }
    std::size_t colon = line.find(':');
    current.clear();
    if (colon == std::string::npos) continue;
    std::string label = line.substr(0, colon);
    std::string rest = line.substr(colon + 1);
    std::size_t paren = rest.find("(0x");
    if (paren != std::string::npos) {
      std::string h = rest.substr(paren + 3, rest.find(')', paren) - paren - 3);
      if (h.size() % 2) h = "0" + h;
      hexes[label] = h;
    } else if (rest.find_first_not_of(' ') == std::string::npos) {
      current = label;
    }
  }
  for (auto& [k, v] : hexes) {
    auto b = core::from_hex(v);
    if (b) out[k] = *b;
  }
  return out;
}

}  // namespace glass::testing
