#include "teach/keylog.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <memory>
#include <mutex>

#include "core/hex.hpp"
#include "handshake/client_hello.hpp"
#include "handshake/message.hpp"
#include "handshake/types.hpp"

namespace glass::teach {

namespace {

// The NSS key log name of a TLS 1.3 secret, or empty.
std::string_view nss_name13(core::Secret s) {
  using S = core::Secret;
  switch (s) {
    case S::client_handshake_traffic_secret: return "CLIENT_HANDSHAKE_TRAFFIC_SECRET";
    case S::server_handshake_traffic_secret: return "SERVER_HANDSHAKE_TRAFFIC_SECRET";
    case S::client_application_traffic_secret_0: return "CLIENT_TRAFFIC_SECRET_0";
    case S::server_application_traffic_secret_0: return "SERVER_TRAFFIC_SECRET_0";
    case S::exporter_master_secret: return "EXPORTER_SECRET";
    case S::client_early_traffic_secret: return "CLIENT_EARLY_TRAFFIC_SECRET";
    default: return {};
  }
}

}  // namespace

void KeyLogObserver::on_handshake_message(core::Direction, std::uint8_t type, core::ByteView msg) {
  if (type != static_cast<std::uint8_t>(handshake::HandshakeType::client_hello)) return;
  // The parsed hello's random; a hello that does not parse was refused anyway.
  if (auto ch = handshake::decode<handshake::ClientHello>(msg))
    client_random_.assign(ch->random.begin(), ch->random.end());
}

void KeyLogObserver::on_secret(core::Secret kind, core::ByteView value) {
  if (client_random_.empty()) return;
  if (auto nss = nss_name13(kind); !nss.empty()) {
    tls13_ = true;
    sink_(std::string(nss) + " " + core::to_hex(client_random_) + " " + core::to_hex(value));
    return;
  }
  if (kind == core::Secret::master_secret && !tls13_)
    sink_("CLIENT_RANDOM " + core::to_hex(client_random_) + " " + core::to_hex(value));
}

KeyLogObserver::Sink keylog_file_sink(const std::string& path) {
  auto mu = std::make_shared<std::mutex>();
  return [path, mu](const std::string& line) {
    std::lock_guard<std::mutex> lock(*mu);
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) return;
    std::string l = line + "\n";
    ssize_t n = ::write(fd, l.data(), l.size());
    (void)n;
    ::close(fd);
  };
}

}  // namespace glass::teach
