#include "apps/demo_dir.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <fmt/core.h>

namespace glass::apps {

namespace fs = std::filesystem;

namespace {

bool write_demo_marker(const fs::path& dir) {
  std::ofstream m(dir / kDemoMarker);
  m << "Written by `glasstls demo`: its test PKI and the files its check commands read.\n"
       "Each run of the demo empties and rewrites this folder; delete it when done.\n";
  return static_cast<bool>(m);
}

// A folder we may write into: new (created here), or one of ours.
bool demo_dir_usable(const fs::path& dir, std::string& why) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) {
    if (fs::create_directory(dir, ec) && write_demo_marker(dir)) return true;
    why = "cannot create " + dir.string();
    return false;
  }
  if (fs::is_directory(dir, ec) && fs::exists(dir / kDemoMarker, ec)) {
    // Ours: start from an empty folder (a CRL of an earlier run's CA would not verify).
    for (const auto& e : fs::directory_iterator(dir, ec))
      if (e.path().filename() != kDemoMarker) fs::remove_all(e.path(), ec);
    return true;
  }
  why = dir.string() + " exists and was not made by glasstls demo (no " + kDemoMarker + " in it)";
  return false;
}

}  // namespace

DemoDir choose_demo_dir(const std::string& keep) {
  DemoDir d;
  std::error_code ec;
  if (!keep.empty()) {
    fs::create_directories(keep, ec);
    d.path = fs::absolute(keep, ec).lexically_normal().string();
    d.kept = true;
    return d;
  }
  if (::access(".", W_OK) == 0) {
    fs::path dir = fs::absolute(kDemoDirName, ec);
    if (demo_dir_usable(dir, d.why_temp)) {
      d.path = dir.string();
      d.kept = true;
      return d;
    }
  } else {
    d.why_temp = "the current folder is not writable";
  }
  char tmpl[] = "/tmp/glasstls-demo-XXXXXX";
  if (::mkdtemp(tmpl)) d.path = tmpl;
  // Also removed when the run ends through exit() (q at a --step pause).
  static std::string temp_dir;
  if (temp_dir.empty() && !d.path.empty()) {
    temp_dir = d.path;
    std::atexit([] {
      std::error_code e;
      fs::remove_all(temp_dir, e);
    });
  }
  return d;
}

std::string demo_dir_closing(const DemoDir& d) {
  if (d.kept)
    return fmt::format("\nThe PKI and the certificates the check commands read are kept in {}\n",
                       d.path);
  return fmt::format(
      "\nThe PKI was written to a temporary folder that is now deleted ({}), so the check\n"
      "commands that read a certificate no longer work: run again with --keep DIR to keep it.\n",
      d.why_temp);
}

}  // namespace glass::apps
