#include "apps/files.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <cstdlib>
#include <unistd.h>

namespace glass::apps {

namespace {

core::Error file_error(const std::string& what, const std::string& path) {
  return core::Error{core::Alert::internal_error, what + " " + path + ": " + std::strerror(errno)};
}

bool write_all(int fd, core::ByteView data) {
  std::size_t off = 0;
  while (off < data.size()) {
    ssize_t n = ::write(fd, data.data() + off, data.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    off += static_cast<std::size_t>(n);
  }
  return true;
}

// Keys and .p12 files: never through a symlink (which could point at a file the
// user did not mean to overwrite), never readable by others for a moment. The
// bytes go to a fresh file in the same folder (mkostemp: O_CREAT|O_EXCL, 0600,
// fchmod in case of an odd umask or filesystem), then rename() replaces the
// name, so a reader sees the old file or the whole new one.
core::Status write_private_file(const std::string& path, core::ByteView data) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode))
    return core::make_error(core::Alert::internal_error,
                            "refusing to write " + path +
                                ": it is a symbolic link (remove it or choose another name)");
  std::string tmp = path + ".XXXXXX";
  int fd = ::mkostemp(tmp.data(), O_CLOEXEC);
  if (fd < 0) return file_error("cannot create a temporary file for", path);
  bool ok = ::fchmod(fd, 0600) == 0 && write_all(fd, data) && ::fsync(fd) == 0;
  ok = (::close(fd) == 0) && ok;
  if (!ok) {
    auto err = file_error("cannot write", path);
    ::unlink(tmp.c_str());
    return err;
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    auto err = file_error("cannot rename the temporary file onto", path);
    ::unlink(tmp.c_str());
    return err;
  }
  return {};
}

}  // namespace

core::Status write_file(const std::string& path, core::ByteView data, bool private_file) {
  if (private_file) return write_private_file(path, data);
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return file_error("cannot create", path);
  bool ok = write_all(fd, data);
  ok = (::close(fd) == 0) && ok;
  if (!ok) return core::make_error(core::Alert::internal_error, "cannot write " + path);
  return {};
}

}  // namespace glass::apps
