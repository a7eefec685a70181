// Structure-aware engine fuzzing past the record encryption. A real TLS 1.3
// handshake of the fixed fuzz client and server is recorded once (with its
// secrets, engine_transcript.hpp). Each input changes one message of a peer's
// encrypted flight; the harness then re-signs CertificateVerify with the
// peer's known key, recomputes Finished over the changed transcript, encrypts
// the flight with the handshake traffic keys and feeds it to the engine under
// test. The state machine therefore sees well-protected, well-authenticated
// flights whose content is fuzzed: EncryptedExtensions, CertificateRequest,
// Certificate (chains, extensions), CertificateVerify and Finished handling.
// After a completed handshake, the rest of the input is sent as post-handshake
// records under the application traffic keys (KeyUpdate, NewSessionTicket,
// post-handshake CertificateRequest, application data, alerts).
//
// Input:
//   byte 0  bit 7     0: fuzz the client (server flight EE, CR, Cert, CV, Fin)
//                     1: fuzz the server (client flight Cert, CV, Fin)
//           bits 0-2  t < flight size: replace message t; 5: insert before
//                     Finished; 6: change nothing; 7: the flight is the data
//                     itself (raw, no re-signing, no Finished)
//           bit 3     the data is a message body (framed with the replaced
//                     message's type; an inserted one takes the type from its
//                     first byte); else raw handshake bytes (any framing)
//           bit 4     keep CertificateVerify as recorded (no re-signing)
//           bit 5     keep Finished as recorded (no recomputation)
//           bit 6     one record per message (else one record for the flight)
//   bytes 1-2         bit 15: 7-byte record fragments with 16 bytes of padding;
//                     bits 0-14: length of the data (big-endian, clamped)
//   data
//   rest    post-handshake: [content type] then the plaintext, sealed in
//           records of up to 2^14 bytes under the application traffic keys
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "engine_transcript.hpp"
#include "handshake/certificate_verify.hpp"
#include "record/content_type.hpp"
#include "record/protection13.hpp"

using namespace glass;
using core::Bytes;
using core::ByteView;
using handshake::HandshakeType;

namespace {

Bytes plain_record(std::uint8_t type, ByteView body) {
  Bytes r{type, 0x03, 0x03, static_cast<std::uint8_t>(body.size() >> 8),
          static_cast<std::uint8_t>(body.size())};
  core::append(r, body);
  return r;
}

// Seals `plain` as records of `type` and appends them to out; mode 2: 7-byte
// fragments with 16 bytes of padding each.
void seal(record::RecordProtection& p, std::uint8_t type, ByteView plain, unsigned mode, Bytes& out) {
  const std::size_t chunk = mode == 2 ? 7 : 16384;
  const std::size_t pad = mode == 2 ? 16 : 0;
  std::size_t off = 0;
  do {
    const std::size_t n = std::min(chunk, plain.size() - off);
    auto r = p.seal(type, record::wire_tls12, plain.subspan(off, n), pad);
    if (!r) return;
    core::append(out, *r);
    off += n;
  } while (off < plain.size());
}

struct Side {
  const std::vector<Bytes>& flight;       // the peer's flight (what we change)
  ByteView traffic_secret;                // the peer's handshake traffic secret
  const crypto::SigningKey& key;          // the peer's signing key
  crypto::SignatureScheme scheme;
  handshake::Side signer;
};

// Builds the changed flight, re-authenticated over `transcript` (CH .. what
// precedes the flight), as a list of framed messages.
std::vector<Bytes> build_flight(const fuzz::RecordedHandshake& rec, const Side& side, Bytes transcript,
                                unsigned mode, ByteView data) {
  const unsigned t = mode & 7;
  const bool body = mode & 0x08, keep_cv = mode & 0x10, keep_fin = mode & 0x20;
  std::vector<Bytes> out;
  if (t == 7) {
    out.emplace_back(data.begin(), data.end());
    return out;
  }
  const std::size_t n = side.flight.size();
  auto replacement = [&](std::uint8_t type) {
    return body ? handshake::frame(static_cast<HandshakeType>(type), data) : Bytes(data.begin(), data.end());
  };
  crypto::SeededRng rng(1);
  for (std::size_t i = 0; i < n; ++i) {
    const Bytes& orig = side.flight[i];
    const auto type = static_cast<HandshakeType>(orig[0]);
    const bool last = i + 1 == n;
    if (last && (t == 5 || (t >= n && t < 6))) {
      // An inserted body takes its type from its first byte.
      if (body && !data.empty())
        out.push_back(handshake::frame(static_cast<HandshakeType>(data[0]), data.subspan(1)));
      else
        out.emplace_back(data.begin(), data.end());
      core::append(transcript, out.back());
    }
    Bytes m;
    if (i == t) {
      m = replacement(orig[0]);
    } else if (type == HandshakeType::certificate_verify && !keep_cv) {
      auto content = handshake::certificate_verify_content(side.signer, crypto::hash(rec.hash, transcript));
      auto sig = side.key.sign(side.scheme, content, rng);
      if (!sig) return out;
      core::Writer w;
      handshake::CertificateVerify cv{side.scheme, *sig};
      cv.serialize(w);
      m = handshake::frame(type, w.buffer());
    } else if (type == HandshakeType::finished && !keep_fin) {
      m = handshake::frame(type, handshake::tls13::finished_verify_data(rec.hash, side.traffic_secret,
                                                                         crypto::hash(rec.hash, transcript)));
    } else {
      m = orig;
    }
    core::append(transcript, m);
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 3) return 0;
  const auto& rec = fuzz::recorded_handshake();
  const unsigned mode = data[0];
  const bool server_under_test = mode & 0x80;
  const bool fragments = data[1] & 0x80;
  std::size_t len = (std::size_t{data[1] & 0x7fu} << 8) | data[2];
  ByteView rest(data + 3, size - 3);
  if (len > rest.size()) len = rest.size();
  const ByteView mutation = rest.first(len);
  const ByteView post = rest.subspan(len);

  const auto& pki = fuzz::pki();
  Side side = server_under_test
                  ? Side{rec.client_flight, rec.client_hs, *pki.client.key, rec.client_scheme,
                         handshake::Side::client}
                  : Side{rec.server_flight, rec.server_hs, *pki.server.key, rec.server_scheme,
                         handshake::Side::server};
  // What the transcript holds before the flight under change.
  Bytes transcript = core::concat({rec.client_hello, rec.server_hello});
  if (server_under_test)
    for (const auto& m : rec.server_flight) core::append(transcript, m);
  const auto flight = build_flight(rec, side, transcript, mode, mutation);
  for (const auto& m : flight) core::append(transcript, m);

  auto prot = record::Protection13::from_secret(rec.hash, rec.aead, side.traffic_secret);
  if (!prot) __builtin_trap();
  const unsigned rmode = fragments ? 2 : (mode & 0x40) ? 1 : 0;
  Bytes wire = plain_record(22, server_under_test ? rec.client_hello : rec.server_hello);
  const std::uint8_t ccs = 1;
  core::append(wire, plain_record(20, ByteView(&ccs, 1)));
  if (rmode == 0) {
    Bytes all;
    for (const auto& m : flight) core::append(all, m);
    seal(**prot, 22, all, rmode, wire);
  } else {
    for (const auto& m : flight) seal(**prot, 22, m, rmode, wire);
  }

  crypto::SeededRng rng(server_under_test ? fuzz::kServerSeed : fuzz::kClientSeed);
  handshake::Connection conn(server_under_test ? fuzz::server_config(rng) : fuzz::client_config(rng));
  if (!server_under_test) {
    if (!conn.start()) return 0;
  }
  (void)conn.take_output();
  const bool fed = static_cast<bool>(conn.feed(wire));
  // ENGINE_TRANSCRIPT_DEBUG=1: say how far the input got (to check seeds and crashers).
  static const bool debug = std::getenv("ENGINE_TRANSCRIPT_DEBUG") != nullptr;
  if (debug)
    std::fprintf(stderr, "engine_transcript: %s in %s%s%s\n", server_under_test ? "server" : "client",
                 conn.state_name().c_str(), conn.error() ? ": " : "",
                 conn.error() ? conn.error()->reason.c_str() : "");
  if (!fed || !conn.is_handshake_done()) return 0;
  (void)conn.take_output();

  // Post-handshake records from the peer, under its application traffic keys.
  if (!post.empty()) {
    // The application secrets hash the transcript through the server Finished.
    Bytes through_server_fin = core::concat({rec.client_hello, rec.server_hello});
    const auto& sf = server_under_test ? rec.server_flight : flight;
    for (const auto& m : sf) core::append(through_server_fin, m);
    handshake::tls13::EarlySecret early(rec.hash);
    auto master = early.handshake_secret(rec.ecdhe).master_secret();
    const Bytes h = crypto::hash(rec.hash, through_server_fin);
    auto secret = server_under_test ? master.client_application_traffic_secret_0(h)
                                    : master.server_application_traffic_secret_0(h);
    auto app = record::Protection13::from_secret(rec.hash, rec.aead, secret);
    if (!app) __builtin_trap();
    Bytes more;
    seal(**app, post[0], post.subspan(1), 0, more);
    (void)conn.feed(more);
  }
  (void)conn.read();
  if (conn.is_handshake_done()) {
    (void)conn.write(core::as_bytes("fuzz"));
    (void)conn.key_update(true);
    if (server_under_test) (void)conn.request_client_certificate();
  }
  conn.close();
  (void)conn.take_output();
  return 0;
}
