#pragma once
// The closing summary of a connection: what was negotiated and who the peer is.
#include <string>

#include "handshake/connection.hpp"

namespace glass::teach {

std::string session_summary(const handshake::Connection& c);
// "CN=client,O=glasstls" of the peer's leaf, or "(none)".
std::string peer_subject(const handshake::Connection& c);
// One paragraph explaining a failed handshake: who sent which alert and why.
std::string failure_report(const handshake::Connection& c);

}  // namespace glass::teach
