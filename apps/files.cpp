#include "apps/files.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sys/stat.h>

namespace glass::apps {

core::Result<core::Bytes> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return core::make_error(core::Alert::internal_error,
                            "cannot open " + path + ": " + std::strerror(errno));
  core::Bytes data((std::istreambuf_iterator<char>(in)), {});
  if (in.bad())
    return core::make_error(core::Alert::internal_error, "cannot read " + path);
  return data;
}

core::Status write_file(const std::string& path, core::ByteView data, bool private_file) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out)
    return core::make_error(core::Alert::internal_error,
                            "cannot create " + path + ": " + std::strerror(errno));
  if (private_file) ::chmod(path.c_str(), 0600);
  out.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
  if (!out) return core::make_error(core::Alert::internal_error, "cannot write " + path);
  return {};
}

}  // namespace glass::apps
