#pragma once
// The text around a capture's narrative (`glasstls explain`): the list of
// connections, what a key log lets us check and what it cannot, the closing
// summary, and a "likely cause:" diagnosis when the connection failed.
#include <cstdint>
#include <string>

#include "capture/read_capture.hpp"
#include "capture/tls_replay.hpp"

namespace glass::apps {

// One line per connection with data: number, endpoints, frames, bytes each way.
std::string list_connections(const capture::Capture& cap);
// What the key log lets us verify here, and what it cannot without private keys.
std::string capture_checks_text(bool have_keylog);
// Version, suite, certificates, data, inferred final states, problems.
std::string capture_summary(const capture::ReplayResult& r);
// "likely cause:" lines, empty when the handshake completed without a fatal
// alert. `time_s`: when the connection was captured (for certificate validity).
std::string diagnose_capture(const capture::ReplayResult& r, std::int64_t time_s);
// Subject of the leaf of a chain, "(no certificate)" when empty.
std::string chain_subject(const std::vector<core::Bytes>& chain);

}  // namespace glass::apps
