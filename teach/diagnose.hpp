#pragma once
// Failure diagnosis: when a handshake fails, a plain explanation of the likely
// cause, from what this side knows: the alert (sent or received), the
// CertificateRequest (schemes, CA names), our own chain and key, the peer's
// chain, our trust anchors and the clock. E.g. "the server asked for
// certificates from CAs X, Y and client.p12 holds a chain ending at Z".
#include <cstdint>
#include <string>

#include "handshake/connection.hpp"

namespace glass::teach {

// Lines starting with "likely cause:" and what to do; empty when the
// connection did not fail. `now` is the clock the handshake used (0: system).
std::string diagnose(const handshake::Connection& c, std::int64_t now = 0);
// The same from the parts, for a caller that kept no Connection (conform): the
// client's config, what its handshake learned, the error and whether the peer
// sent it as an alert.
std::string diagnose_client(const handshake::Config& cfg, const handshake::SessionInfo& info,
                            const core::Error& e, bool from_peer, std::int64_t now = 0);
// The same for a side that closed the connection with no alert at all.
std::string diagnose_silent_close(const handshake::Connection& c);
// An identity that would not load (--p12/--pass/--cert/--key): what to check.
std::string diagnose_load_error(const std::string& reason);

}  // namespace glass::teach
