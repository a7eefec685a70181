#pragma once
// The NSS key log format (SSLKEYLOGFILE, as openssl -keylogfile, curl, browsers
// and glasstls write it): "LABEL <client_random hex> <secret hex>" per line,
// '#' comments. Secrets are looked up by the ClientHello's random.
#include <map>
#include <optional>
#include <string>

#include "core/bytes.hpp"
#include "core/result.hpp"

namespace glass::capture {

class KeyLog {
 public:
  // At most this many bytes of key log are read (a limit on what a file can cost).
  static constexpr std::size_t max_file_size = 64u << 20;

  // Malformed lines are skipped and counted (the first one is described), as
  // Wireshark does; only an unreadable or oversized file is an error.
  static core::Result<KeyLog> load(const std::string& path);
  static KeyLog parse(std::string_view text);

  // nullptr when the log has no such line for this client random.
  const core::SecretBytes* find(core::ByteView client_random, std::string_view label) const;
  std::size_t entries() const { return count_; }
  std::size_t bad_lines() const { return bad_; }
  const std::string& first_bad() const { return first_bad_; }
  // Labels present for this client random ("CLIENT_RANDOM, SERVER_HANDSHAKE_TRAFFIC_SECRET").
  std::string labels_for(core::ByteView client_random) const;

 private:
  std::map<core::Bytes, std::map<std::string, core::SecretBytes, std::less<>>> by_random_;
  std::size_t count_ = 0, bad_ = 0;
  std::string first_bad_;
};

}  // namespace glass::capture
