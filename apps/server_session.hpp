#pragma once
// One connection of `glasstls server`, driven by Asio completion handlers on a
// strand: handshake under a whole-handshake deadline, then the HTTP page (with
// post-handshake authentication for GET /pha) or an echo, under an idle
// deadline. Ending a connection never resets it: alerts and close_notify are
// followed by a half-close and a bounded drain of what the peer still sends.
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include <utility>

#include <boost/asio.hpp>

#include "apps/teach.hpp"
#include "glasstls/context.hpp"

namespace glass::apps {

// What a connection may take; every limit ends or pauses the connection with a
// line in the log saying which.
struct ServerLimits {
  std::chrono::seconds handshake{10};  // ClientHello to client Finished
  std::chrono::seconds idle{10};       // silence after the handshake
  std::chrono::seconds pha{10};        // CertificateRequest to the client's Finished
  std::size_t held_app_data = 64 * 1024;  // read ahead of the application, then stop reading
  std::chrono::milliseconds linger{1000};  // drain after our alert or close_notify
  std::size_t linger_bytes = 1024 * 1024;
};

struct ServerShared {
  glass::context context{glass::context::tls_server};
  ServerLimits limits;
  bool quiet = false;
  Teacher* teacher = nullptr;
  const TeachOptions* teach = nullptr;
  std::function<void()> on_close;  // called once per session, on its strand
};

void start_server_session(boost::asio::ip::tcp::socket sock, int id,
                          std::shared_ptr<const ServerShared> shared);

// Thread-safe, flushed line output shared by the server's threads.
void server_log(const std::string& text);

}  // namespace glass::apps
