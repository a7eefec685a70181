#include "apps/files.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <fcntl.h>
#include <unistd.h>

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
  // Private files are created 0600 from the start, so no other user can open them
  // in between.
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
                  private_file ? 0600 : 0644);
  if (fd < 0)
    return core::make_error(core::Alert::internal_error,
                            "cannot create " + path + ": " + std::strerror(errno));
  std::size_t off = 0;
  while (off < data.size()) {
    ssize_t n = ::write(fd, data.data() + off, data.size() - off);
    if (n <= 0) {
      ::close(fd);
      return core::make_error(core::Alert::internal_error, "cannot write " + path);
    }
    off += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) return core::make_error(core::Alert::internal_error, "cannot write " + path);
  return {};
}

}  // namespace glass::apps
