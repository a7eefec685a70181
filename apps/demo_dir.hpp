#pragma once
// Where `glasstls demo` writes its PKI and the files its check commands read:
// --keep DIR; else ./glasstls-demo/ when the current folder is writable and that
// folder is new or was made by an earlier demo (it carries our marker file);
// else a temporary folder, deleted at exit.
#include <string>

namespace glass::apps {

struct DemoDir {
  std::string path;     // absolute, so printed commands work from any folder
  bool kept = false;    // survives the demo
  std::string why_temp; // set when a temporary folder had to be used
};

inline constexpr const char* kDemoDirName = "glasstls-demo";
inline constexpr const char* kDemoMarker = ".glasstls-demo";

// Empty path (and why_temp) when no folder could be made at all.
DemoDir choose_demo_dir(const std::string& keep);
// The closing line about the folder (kept: where; temporary: how to keep one).
std::string demo_dir_closing(const DemoDir& d);

}  // namespace glass::apps
