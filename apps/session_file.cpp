#include "apps/session_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include "apps/files.hpp"

namespace glass::apps {

namespace {
constexpr std::size_t kMaxSessionFile = 1 << 20;

core::Error file_error(const std::string& what, const std::string& path) {
  return core::make_error(core::Alert::internal_error, what + " " + path + ": " + std::strerror(errno));
}
}  // namespace

// The session holds its resumption secret: written as a private file (mode 0600,
// temporary file renamed into place, a symbolic link at path refused).
core::Status save_session(const std::string& path, const glass::session& s) {
  core::SecretBytes bytes(s.to_bytes());
  return write_file(path, bytes.view(), true);
}

core::Result<glass::session> load_session(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return file_error("cannot read", path);
  core::Bytes data;
  char buf[4096];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    data.insert(data.end(), buf, buf + in.gcount());
    if (data.size() > kMaxSessionFile)
      return core::make_error(core::Alert::decode_error, path + " is larger than a session file can be");
  }
  core::SecretBytes held(std::move(data));
  std::string why;
  auto s = glass::session::from_bytes(held.view(), why);
  if (!s) return core::make_error(core::Alert::decode_error, path + ": " + why);
  return std::move(*s);
}

}  // namespace glass::apps
