#pragma once
// NSS key log lines (the SSLKEYLOGFILE format Wireshark reads), made from the
// secrets the engine reports: CLIENT_RANDOM for TLS 1.2, the *_TRAFFIC_SECRET_*
// labels for TLS 1.3. Each line goes to a callback as soon as it is known.
#include <functional>
#include <string>

#include "core/observer.hpp"

namespace glass::teach {

class KeyLogObserver final : public core::Observer {
 public:
  using Sink = std::function<void(const std::string& line)>;
  explicit KeyLogObserver(Sink sink) : sink_(std::move(sink)) {}

  void on_handshake_message(core::Direction d, std::uint8_t type, core::ByteView msg) override;
  void on_secret(core::Secret kind, core::ByteView value) override;

 private:
  Sink sink_;
  core::Bytes client_random_;
  bool tls13_ = false;
};

// A sink that appends lines to a file (created 0600), e.g. $SSLKEYLOGFILE.
KeyLogObserver::Sink keylog_file_sink(const std::string& path);

}  // namespace glass::teach
