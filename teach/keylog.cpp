#include "teach/keylog.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <memory>
#include <mutex>

#include "core/hex.hpp"

namespace glass::teach {

void KeyLogObserver::on_handshake_message(core::Direction, std::uint8_t type, core::ByteView msg) {
  // ClientHello: type(1) length(3) legacy_version(2) random(32).
  if (type == 1 && msg.size() >= 38) client_random_.assign(msg.begin() + 6, msg.begin() + 38);
}

void KeyLogObserver::on_secret(std::string_view label, core::ByteView value) {
  static const std::pair<std::string_view, std::string_view> names13[] = {
      {"client_handshake_traffic_secret", "CLIENT_HANDSHAKE_TRAFFIC_SECRET"},
      {"server_handshake_traffic_secret", "SERVER_HANDSHAKE_TRAFFIC_SECRET"},
      {"client_application_traffic_secret_0", "CLIENT_TRAFFIC_SECRET_0"},
      {"server_application_traffic_secret_0", "SERVER_TRAFFIC_SECRET_0"},
      {"exporter_master_secret", "EXPORTER_SECRET"},
      {"client_early_traffic_secret", "CLIENT_EARLY_TRAFFIC_SECRET"},
  };
  if (client_random_.empty()) return;
  for (auto& [ours, nss] : names13) {
    if (label == ours) {
      tls13_ = true;
      sink_(std::string(nss) + " " + core::to_hex(client_random_) + " " + core::to_hex(value));
      return;
    }
  }
  if (label == "master_secret" && !tls13_)
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
