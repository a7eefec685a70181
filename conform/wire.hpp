#pragma once
// The socket pieces run_plan (runner.cpp) and Session (session.cpp) share: a
// bounded TCP connect, a blocking write that survives a vanished peer, and the
// one-line summary of a negotiated session.
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "conform/runner.hpp"

namespace glass::conform {

// Connects within Target::timeout_ms; `why` says what failed.
bool connect_to(boost::asio::io_context& io, boost::asio::ip::tcp::socket& sock, const Target& t,
                std::string& why);
// Writes everything; false once the peer is gone (the caller keeps reading:
// an alert may still be waiting in our receive buffer).
bool send_all(int fd, core::ByteView b);
// "TLS 1.3, TLS_AES_128_GCM_SHA256, x25519, server signed ..."
std::string session_line(const handshake::SessionInfo& i);

}  // namespace glass::conform
