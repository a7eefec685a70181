// Probes of what a server does with records and post-handshake messages it may
// not expect: 0-RTT records it cannot read (RFC 8446 4.2.10), a flood of
// KeyUpdate requests (4.6.3), post-handshake authentication offered or not
// (4.2.6, 4.6.2), and a small record_size_limit (RFC 8449 4). A Watch on the
// records and messages the server sends tells what happened.
#include <algorithm>
#include <ctime>

#include "conform/resumption.hpp"
#include "conform/session.hpp"
#include "handshake/extensions_typed.hpp"
#include "handshake/messages.hpp"
#include "handshake/session_cache.hpp"
#include "record/content_type.hpp"

namespace glass::conform {

namespace {

using core::Alert;
using handshake::HandshakeType;
using handshake::ProtocolVersion;
using E = Expectation;
using Until = Session::Until;

constexpr std::uint16_t kSmallLimit = 64;  // RFC 8449 4: the smallest value allowed

// Counts what the server sends: KeyUpdates, CertificateRequests, the largest
// protected record (TLS 1.3: the whole TLSInnerPlaintext, content type and
// padding included, as RFC 8449 4 counts it), and its record_size_limit answer.
struct Watch : core::Observer {
  unsigned key_updates = 0, cert_requests = 0, protected_records = 0, over_limit = 0;
  std::size_t largest = 0;
  std::optional<std::uint16_t> limit_answer;  // record_size_limit in EncryptedExtensions

  bool wants_record_protection() const override { return true; }
  void on_record_protection(core::Direction d, const core::RecordProtectionInfo& i) override {
    if (d != core::Direction::received) return;
    ++protected_records;
    largest = std::max(largest, i.inner_plaintext.size());
    if (i.inner_plaintext.size() > kSmallLimit) ++over_limit;
  }
  void on_handshake_message(core::Direction d, std::uint8_t type, core::ByteView msg) override {
    if (d != core::Direction::received) return;
    auto t = static_cast<HandshakeType>(type);
    if (t == HandshakeType::key_update) ++key_updates;
    if (t == HandshakeType::certificate_request) ++cert_requests;
    if (t != HandshakeType::encrypted_extensions || msg.size() < 4) return;
    handshake::MessageView v{t, msg.subspan(4), msg, 0};
    auto m = handshake::parse_any(v);
    if (!m) return;
    if (auto* ee = std::get_if<handshake::EncryptedExtensions>(&*m))
      if (auto rsl = ee->extensions.get<handshake::RecordSizeLimit>(); rsl && *rsl)
        limit_answer = (*rsl)->limit;
  }
};

// The Watch and the caller's observer (--explain), both fed.
struct Watched {
  Watch watch;
  core::ObserverFanout all;
  explicit Watched(core::Observer* obs) {
    all.add(&watch);
    all.add(obs);
  }
};

// ---- early data the server cannot read --------------------------------------

// Adds early_data to the first ClientHello, before pre_shared_key (which stays last).
struct OfferEarlyData : ProbeTamper {
  int hellos = 0;
  void shape(handshake::ClientHello& ch) override {
    if (hellos++ > 0) return;  // RFC 8446 4.2.10: never in the second ClientHello
    auto& list = ch.extensions.raw_list();
    auto at = std::find_if(list.begin(), list.end(), [](const handshake::Extension& e) {
      return e.type == handshake::ExtensionType::pre_shared_key;
    });
    list.insert(at, handshake::Extension{handshake::ExtensionType::early_data, {}, 0});
    note = "early_data and a PSK the server never issued, then 3 records of 0-RTT garbage";
  }
};

// A ticket no server issued: random identity and PSK, so the binder (of the
// right length) cannot verify and the server must ignore the offer.
handshake::ClientSession bogus_ticket(const handshake::Config& cfg) {
  handshake::ClientSession s;
  s.suite = handshake::CipherSuite::TLS_AES_128_GCM_SHA256;
  core::Bytes secret(32), ticket(48);
  crypto::system_rng().fill(secret);
  crypto::system_rng().fill(ticket);
  s.secret = core::SecretBytes(std::move(secret));
  s.ticket = std::move(ticket);
  s.lifetime = 7200;
  s.received_at = cfg.now ? cfg.now() : static_cast<std::int64_t>(std::time(nullptr));
  s.server_name = cfg.server_name;
  for (std::size_t i = 0; i < cfg.alpn.size(); ++i) s.alpn_offered += (i ? "," : "") + cfg.alpn[i];
  return s;
}

// Three application_data records of random bytes right after the ClientHello.
void append_early_records(core::Bytes& flight) {
  for (int i = 0; i < 3; ++i) {
    core::Bytes body(48);
    crypto::system_rng().fill(body);
    flight.insert(flight.end(), {0x17, 0x03, 0x03, 0x00, static_cast<std::uint8_t>(body.size())});
    flight.insert(flight.end(), body.begin(), body.end());
  }
}

Plan early_data_plan(const Context& c) {
  Plan p;
  p.cfg = c.base;
  p.cfg.min_version = p.cfg.max_version = ProtocolVersion::tls13;
  p.cfg.cipher_suites = {handshake::CipherSuite::TLS_AES_128_GCM_SHA256};
  p.cfg.session_cache = std::make_shared<handshake::ClientSessionCache>();
  p.cfg.session_cache->add(bogus_ticket(p.cfg));
  p.tamper = std::make_shared<OfferEarlyData>();
  p.first_flight = append_early_records;
  return p;
}

// ---- KeyUpdate flood ---------------------------------------------------------

ProbeResult key_update_flood(const Target& t, const Context& ctx, core::Observer* obs, int n) {
  if (!t.send_request) return judged({}, Verdict::skip, "judged by the answer to a request after the flood (--no-request given)");
  Watched w(obs);
  Session s(t, tapped_plan(ctx, ProtocolVersion::tls13, std::make_shared<RecordTap>()), &w.all);
  if (auto o = s.handshake()) return without_handshake(*o);
  for (int i = 0; i < n; ++i)
    if (auto st = s.conn().key_update(true); !st)
      return judged(s.outcome({}, "our client could not send KeyUpdate " + std::to_string(i + 1)), Verdict::skip,
                    st.error().to_string());
  s.flush();
  Reaction r = s.request();
  std::string what = std::to_string(n) + " KeyUpdate(update_requested), then our request: " + describe(r) + "; " +
                     std::to_string(w.watch.key_updates) + " KeyUpdate(s) from the server";
  auto o = s.outcome(r, what);
  if (!r.data.empty()) return judged(o, Verdict::pass, "answered after the flood (RFC 8446 4.6.3 lets one update answer several requests)");
  if (r.alert) return judged(o, Verdict::pass, "limits KeyUpdates: alert " + std::string(core::alert_name(*r.alert)));
  if (r.closed())
    return judged(o, Verdict::warn, "closed without an alert; RFC 8446 6.2: it \"SHOULD send an appropriate fatal alert\"");
  if (!r.local_error.empty() && w.watch.key_updates > handshake::Connection::max_key_updates_in_a_row)
    return judged(o, Verdict::pass, "answered each request with a KeyUpdate of its own (RFC 8446 4.6.3 also lets it "
                                    "send one for several) until our client's limit of " +
                                        std::to_string(handshake::Connection::max_key_updates_in_a_row) +
                                        " in a row stopped it");
  if (!r.local_error.empty()) return judged(o, Verdict::warn, "our client stopped: " + r.local_error);
  return judged(o, Verdict::fail, "no answer, no alert and no close within " + std::to_string(r.ms) +
                                      " ms after the flood (bounded by --timeout)");
}

// ---- post-handshake authentication ------------------------------------------

ProbeResult post_handshake_auth(const Target& t, const Context& ctx, core::Observer* obs, bool offer) {
  if (offer && !ctx.identity) return judged({}, Verdict::skip, "offers post_handshake_auth only with a client identity (--p12 or --cert/--key)");
  Watched w(obs);
  Plan p = tapped_plan(ctx, ProtocolVersion::tls13, std::make_shared<RecordTap>());
  p.cfg.offer_post_handshake_auth = offer;
  Session s(t, std::move(p), &w.all);
  if (auto o = s.handshake()) return without_handshake(*o);
  const unsigned in_handshake = w.watch.cert_requests;
  Reaction r = s.request();
  if (r.local_error.empty() && !r.alert && !r.closed()) {
    Reaction more = s.wait(Until::reaction, t.verdict_ms);
    if (more.alert || !more.local_error.empty()) r = more;
  }
  const unsigned after = w.watch.cert_requests - in_handshake;
  auto o = s.outcome(r, (t.send_request ? "our request: " : "after the handshake: ") + describe(r));
  if (!offer && after)
    return judged(o, Verdict::fail, "sent a CertificateRequest after the handshake; RFC 8446 4.2.6: \"Servers MUST "
                                    "NOT send a post-handshake CertificateRequest to clients which do not offer "
                                    "this extension\"");
  if (!offer) return judged(o, Verdict::pass, "no CertificateRequest after the handshake");
  if (after) return judged(o, Verdict::info, "used post-handshake authentication: " + std::to_string(after) + " CertificateRequest(s) after the handshake");
  if (r.alert)
    return judged(o, Verdict::info, "ended the connection with alert " + std::string(core::alert_name(*r.alert)) +
                                        " without a CertificateRequest after the handshake");
  return judged(o, Verdict::info, "did not ask for a certificate after the handshake" +
                                      std::string(t.send_request ? " (for our request)" : ""));
}

// ---- record_size_limit ------------------------------------------------------

struct SmallLimit : RecordTap {
  void shape(handshake::ClientHello& ch) override {
    ch.extensions.set(handshake::RecordSizeLimit{kSmallLimit});
    note = "record_size_limit " + std::to_string(kSmallLimit);
  }
};

ProbeResult record_size_limit(const Target& t, const Context& ctx, core::Observer* obs) {
  Watched w(obs);
  Session s(t, tapped_plan(ctx, ProtocolVersion::tls13, std::make_shared<SmallLimit>()), &w.all);
  auto& x = w.watch;
  if (auto o = s.handshake()) {
    if (o->kind == Outcome::Kind::alert && (o->alert == Alert::illegal_parameter || o->alert == Alert::decode_error))
      return judged(*o, Verdict::fail, "refused a ClientHello with record_size_limit 64, the smallest value RFC 8449 4 allows");
    return without_handshake(*o);
  }
  Reaction r = s.request();
  if (!r.alert && r.local_error.empty() && !r.closed()) (void)s.wait(Until::close, t.verdict_ms);
  std::string seen = std::to_string(x.protected_records) + " protected records, the largest with " +
                     std::to_string(x.largest) + " bytes of TLSInnerPlaintext";
  auto o = s.outcome(r, seen + (t.send_request ? "; our request: " : "; after the handshake: ") + describe(r));
  if (!x.limit_answer)
    return judged(o, Verdict::info, "does not support record_size_limit (none in EncryptedExtensions); " + seen);
  if (x.over_limit)
    return judged(o, Verdict::fail, "acknowledged record_size_limit but sent " + std::to_string(x.over_limit) +
                                        " record(s) over 64 bytes (largest " + std::to_string(x.largest) +
                                        "); RFC 8449 4: \"an endpoint MUST NOT generate a protected record with "
                                        "plaintext that is larger than the RecordSizeLimit value it receives from its peer\"");
  return judged(o, Verdict::pass, "kept every protected record within 64 bytes (" + seen + ")");
}

}  // namespace

void add_records(std::vector<Probe>& v) {
  // RFC 8446 4.2.10: a server that ignores early_data "skips past early data by attempting to
  // deprotect received records using the handshake traffic key, discarding records which fail
  // deprotection (up to the configured max_early_data_size)".
  E early = E::completes();
  early.quote = "RFC 8446 4.2.10: a server that ignores early_data \"skips past early data by attempting to "
                "deprotect received records using the handshake traffic key, discarding records which fail "
                "deprotection (up to the configured max_early_data_size)\"";
  v.push_back({"protocol.early-data-skipped", Group::protocol, "RFC 8446 4.2.10",
               "0-RTT records after a ClientHello whose PSK the server cannot accept MUST be skipped: "
               "the handshake completes",
               early, early_data_plan});
  for (int n : {64, 1000})
    v.push_back(stepped_probe("protocol.key-update-flood." + std::to_string(n), "RFC 8446 4.6.3, 6.2",
                              std::to_string(n) + " KeyUpdate(update_requested) in a row: the server answers "
                              "our request or closes with an alert; it must not hang",
                              E::judged_by_run("answer or alert"), [n](const Target& t, const Context& c, core::Observer* o) {
                                return key_update_flood(t, c, o, n);
                              }));
  v.push_back(stepped_probe("protocol.post-handshake-auth.not-offered", "RFC 8446 4.2.6, 4.6.2",
                            "without post_handshake_auth offered, the server MUST NOT send a CertificateRequest "
                            "after the handshake",
                            E::judged_by_run("no CertificateRequest"), [](const Target& t, const Context& c, core::Observer* o) {
                              return post_handshake_auth(t, c, o, false);
                            }));
  v.push_back(stepped_probe("protocol.post-handshake-auth.offered", "RFC 8446 4.2.6, 4.6.2",
                            "with post_handshake_auth offered, the server may ask for a certificate after the "
                            "handshake: whether it does",
                            E::judged_by_run("may ask (INFO)"), [](const Target& t, const Context& c, core::Observer* o) {
                              return post_handshake_auth(t, c, o, true);
                            }));
  v.push_back(stepped_probe("protocol.record-size-limit", "RFC 8449 4",
                            "record_size_limit 64 offered: a server that acknowledges it sends no protected record "
                            "over 64 bytes of TLSInnerPlaintext",
                            E::judged_by_run("records <= 64 bytes"), record_size_limit));
}

}  // namespace glass::conform
