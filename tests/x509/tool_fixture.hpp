#pragma once
// Helpers for tests that make their inputs with real tools (openssl, certtool,
// keytool) during the test run, in a private temporary directory.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sys/wait.h>
#include <string>

#include "core/bytes.hpp"

namespace glass::testing {

class ToolDir {
 public:
  ToolDir() {
    std::string tmpl = std::string(GLASS_BINARY_DIR) + "/test-tmp-keys-XXXXXX";
    std::filesystem::create_directories(GLASS_BINARY_DIR);
    char* p = ::mkdtemp(tmpl.data());
    REQUIRE_MESSAGE(p != nullptr, "cannot create a temporary directory under " << GLASS_BINARY_DIR);
    dir_ = p;
  }
  ~ToolDir() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  ToolDir(const ToolDir&) = delete;
  ToolDir& operator=(const ToolDir&) = delete;

  std::string path(const std::string& name) const { return dir_ + "/" + name; }

  // Runs a shell command inside the directory; returns its exit status and keeps
  // stdout+stderr in `output`.
  int run(const std::string& cmd, std::string* output = nullptr) const {
    std::string log = dir_ + "/.last-output";
    std::string full = "cd '" + dir_ + "' && ( " + cmd + " ) > '" + log + "' 2>&1";
    int rc = std::system(full.c_str());
    std::ifstream in(log);
    std::string out((std::istreambuf_iterator<char>(in)), {});
    if (output) *output = out;
    last_output_ = out;
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : 255;
  }
  // Runs a command that must succeed (the test fails with its output otherwise).
  void must(const std::string& cmd) const {
    std::string out;
    int rc = run(cmd, &out);
    REQUIRE_MESSAGE(rc == 0, "command failed (exit " << rc << "): " << cmd << "\n" << out);
  }
  core::Bytes read(const std::string& name) const {
    std::ifstream in(path(name), std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "missing file " << path(name));
    return core::Bytes((std::istreambuf_iterator<char>(in)), {});
  }
  void write(const std::string& name, core::ByteView data) const {
    std::ofstream out(path(name), std::ios::binary);
    out.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
    REQUIRE(out.good());
  }
  const std::string& last_output() const { return last_output_; }

 private:
  std::string dir_;
  mutable std::string last_output_;
};

// The tools these tests depend on must exist: a missing one is a failure, not a skip.
inline void require_tool(const char* name) {
  std::string cmd = std::string("command -v ") + name + " > /dev/null 2>&1";
  REQUIRE_MESSAGE(std::system(cmd.c_str()) == 0,
                  name << " is not installed: the PKCS#12/key interop tests need it "
                          "(install openssl, gnutls-bin and default-jre-headless)");
}

}  // namespace glass::testing
