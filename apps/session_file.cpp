#include "apps/session_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include "crypto/random.hpp"
#include "core/hex.hpp"

namespace glass::apps {

namespace {
constexpr std::size_t kMaxSessionFile = 1 << 20;

core::Error file_error(const std::string& what, const std::string& path) {
  return core::make_error(core::Alert::internal_error, what + " " + path + ": " + std::strerror(errno));
}
}  // namespace

core::Status save_session(const std::string& path, const handshake::ClientSession& s) {
  core::SecretBytes bytes(handshake::encode_client_session(s));
  std::string tmp = path + ".tmp-" + core::to_hex(crypto::system_rng().bytes(6));
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) return file_error("cannot create", tmp);
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      auto e = file_error("cannot write", tmp);
      ::close(fd);
      ::unlink(tmp.c_str());
      return e;
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    auto e = file_error("cannot write", tmp);
    ::unlink(tmp.c_str());
    return e;
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    auto e = file_error("cannot rename onto", path);
    ::unlink(tmp.c_str());
    return e;
  }
  return {};
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
