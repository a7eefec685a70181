#include "x509/read_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

namespace glass::x509 {

core::Result<core::Bytes> read_file(const std::string& path, int* os_error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    int err = errno ? errno : ENOENT;
    if (os_error) *os_error = err;
    return core::make_error(core::Alert::internal_error,
                            "cannot open " + path + ": " + std::strerror(err));
  }
  core::Bytes data((std::istreambuf_iterator<char>(in)), {});
  if (in.bad()) {
    if (os_error) *os_error = EIO;
    return core::make_error(core::Alert::internal_error, "cannot read " + path);
  }
  return data;
}

}  // namespace glass::x509
