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
core::Status save_session(const std::string& path, const handshake::ClientSession& s) {
  core::SecretBytes bytes(handshake::encode_client_session(s));
  return write_file(path, bytes.view(), true);
}

core::Result<handshake::ClientSession> load_session(const std::string& path) {
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
  auto s = handshake::parse_client_session(held);
  if (!s) return core::make_error(core::Alert::decode_error, path + ": " + s.error().reason);
  return s;
}

}  // namespace glass::apps
