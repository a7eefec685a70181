#include "glasstls/context.hpp"

namespace glass {

// GLASS_VERSION comes from project(VERSION) in the root CMakeLists.txt.
std::string_view version() { return GLASS_VERSION; }

}  // namespace glass
