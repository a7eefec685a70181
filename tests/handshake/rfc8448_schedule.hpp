#pragma once
// The TLS 1.3 key schedule checked against the RFC 8448 traces (values from
// rfc8448_vectors.hpp): the checks of the stages the full (section 3), resumed (4)
// and HelloRetryRequest (5) traces share, for key_schedule_test.cpp and
// psk_key_schedule_test.cpp.
#include <doctest/doctest.h>

#include <map>
#include <string>
#include <string_view>

#include "core/hex.hpp"
#include "core/observer.hpp"
#include "handshake/key_schedule.hpp"
#include "handshake/transcript.hpp"
#include "rfc8448_vectors.hpp"

namespace hs_test {

using glass::core::Bytes;
using glass::core::ByteView;

inline std::string hx(std::string_view rfc_hex) { return glass::core::to_hex(glass::core::hex(rfc_hex)); }
inline std::string hx(ByteView b) { return glass::core::to_hex(b); }

inline Bytes current(const glass::handshake::Transcript& t) {
  auto h = t.current_hash();
  REQUIRE(h.ok());
  return h->bytes();
}

// Records what the key schedule reports.
struct SecretLog : glass::core::Observer {
  std::map<std::string, std::string> secrets;
  void on_secret(glass::core::Secret kind, ByteView value) override {
    secrets[std::string(glass::core::secret_label(kind))] = glass::core::to_hex(value);
  }
};

// What a trace prints for the (EC)DHE stage: its input and the four secrets.
struct HandshakeStageValues {
  std::string_view ecdhe_shared_secret, handshake_secret, client_handshake_traffic_secret,
      server_handshake_traffic_secret, master_secret;
};

// The handshake traffic secrets and the master secret, for the checks that follow.
struct HandshakeStage {
  glass::core::SecretBytes chts, shts;
  glass::handshake::tls13::MasterSecret ms;
};

// From the early secret and the transcript through ServerHello: the handshake secret,
// both handshake traffic secrets and the master secret, each checked against `v`.
inline HandshakeStage check_handshake_stage(const glass::handshake::tls13::EarlySecret& es,
                                            const glass::handshake::Transcript& t,
                                            const HandshakeStageValues& v) {
  auto hs = es.handshake_secret(glass::core::hex(v.ecdhe_shared_secret));
  CHECK(hx(hs.secret()) == hx(v.handshake_secret));
  Bytes h_sh = current(t);
  HandshakeStage out{hs.client_handshake_traffic_secret(h_sh), hs.server_handshake_traffic_secret(h_sh),
                     hs.master_secret()};
  CHECK(hx(out.chts) == hx(v.client_handshake_traffic_secret));
  CHECK(hx(out.shts) == hx(v.server_handshake_traffic_secret));
  CHECK(hx(out.ms.secret()) == hx(v.master_secret));
  return out;
}

// The application traffic secrets from the transcript through the server Finished.
inline void check_application_secrets(const glass::handshake::tls13::MasterSecret& ms, ByteView h_sf,
                                      std::string_view client_expected, std::string_view server_expected) {
  CHECK(hx(ms.client_application_traffic_secret_0(h_sf)) == hx(client_expected));
  CHECK(hx(ms.server_application_traffic_secret_0(h_sf)) == hx(server_expected));
}

}  // namespace hs_test
