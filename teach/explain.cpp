#include "teach/explain.hpp"

#include <unistd.h>

#include <cstdlib>

#include <fmt/core.h>

#include "core/hex.hpp"
#include "handshake/types.hpp"
#include "inspect/text.hpp"
#include "record/content_type.hpp"
#include "teach/record_work.hpp"

namespace glass::teach {

namespace {

constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kDim = "\x1b[2m";
constexpr std::string_view kRed = "\x1b[1;31m";
constexpr std::string_view kGreen = "\x1b[32m";
constexpr std::string_view kYellow = "\x1b[33m";
constexpr std::string_view kCyan = "\x1b[36m";
constexpr std::string_view kMagenta = "\x1b[35m";

std::string purpose(handshake::HandshakeType t);

// The same, for the version the message belongs to: a TLS 1.2 handshake has no
// key share and sends every message, certificates included, in clear text.
std::string purpose(handshake::HandshakeType t, const inspect::DissectContext& ctx,
                    core::ByteView msg, bool from_client, bool abbreviated) {
  using T = handshake::HandshakeType;
  const bool tls12 = ctx.version == inspect::Version::tls12;
  if (t == T::client_hello) {
    const inspect::Field tree = inspect::dissect_handshake(msg, ctx);
    const inspect::Field* exts = tree.find("extensions");
    if (!exts || !exts->find("key_share"))
      return "offers its highest version, cipher suites, groups and signature schemes";
  }
  if (!tls12) return purpose(t);
  if (t == T::server_hello && abbreviated)
    return "picks the version and the cipher suite and echoes the session_id: the ticket is "
           "accepted, an abbreviated handshake with no key exchange and no certificates";
  if (t == T::server_hello)
    return "picks the version and the cipher suite (the key exchange follows in ServerKeyExchange)";
  if (t == T::certificate)
    return from_client ? "a certificate chain, leaf first; in TLS 1.2 it travels in clear text: "
                         "anyone on the path can read who the client is"
                       : "a certificate chain, leaf first (in clear text in TLS 1.2)";
  return purpose(t);
}

// What a handshake message is for, in one sentence.
std::string purpose(handshake::HandshakeType t) {
  using T = handshake::HandshakeType;
  switch (t) {
    case T::client_hello: return "offers versions, cipher suites, groups, signature schemes and a key share";
    case T::server_hello: return "picks the version and suite and answers the key share";
    case T::encrypted_extensions: return "the rest of the server's choices, already encrypted";
    case T::certificate_request: return "asks the client for a certificate, naming the signature schemes and CAs it accepts";
    case T::certificate: return "a certificate chain, leaf first";
    case T::certificate_verify: return "a signature over the transcript: proof of owning the certificate's key";
    case T::finished: return "a MAC over the whole transcript: nobody tampered with the handshake";
    case T::new_session_ticket: return "a ticket for resumption";
    case T::key_update: return "switches to the next generation of traffic keys";
    case T::server_key_exchange: return "the server's ECDHE share, signed with its certificate key";
    case T::server_hello_done: return "the server's first flight is complete";
    case T::client_key_exchange: return "the client's ECDHE share";
    default: return "";
  }
}

// openssl pkeyutl arguments that verify a signature of this scheme.
std::string pkeyutl_args(std::uint16_t scheme) {
  switch (scheme) {
    case 0x0401: case 0x0403: return "-digest sha256";
    case 0x0501: case 0x0503: return "-digest sha384";
    case 0x0601: case 0x0603: return "-digest sha512";
    case 0x0804: case 0x0809:
      return "-digest sha256 -pkeyopt rsa_padding_mode:pss -pkeyopt rsa_pss_saltlen:digest";
    case 0x0805: case 0x080a:
      return "-digest sha384 -pkeyopt rsa_padding_mode:pss -pkeyopt rsa_pss_saltlen:digest";
    case 0x0806: case 0x080b:
      return "-digest sha512 -pkeyopt rsa_padding_mode:pss -pkeyopt rsa_pss_saltlen:digest";
    case 0x0807: return "";
    default: return "-digest sha256";
  }
}

std::string printable(core::ByteView b, std::size_t max) {
  std::string out;
  for (std::size_t i = 0; i < b.size() && i < max; ++i) {
    char c = static_cast<char>(b[i]);
    if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (b[i] >= 0x20 && b[i] < 0x7f) out += c;
    else out += '.';
  }
  if (b.size() > max) out += "...";
  return out;
}

}  // namespace

bool want_colour(int fd) {
  const char* nc = std::getenv("NO_COLOR");
  return ::isatty(fd) && !(nc && *nc);
}

std::string hex_block(core::ByteView b, std::size_t max_bytes, const char* indent) {
  std::string out;
  std::size_t n = std::min(b.size(), max_bytes);
  for (std::size_t i = 0; i < n; i += 16) {
    out += indent;
    out += fmt::format("{:04x}  ", i);
    for (std::size_t j = i; j < std::min(n, i + 16); ++j) out += fmt::format("{:02x} ", b[j]);
    out.pop_back();
    out += "\n";
  }
  if (b.size() > n) out += fmt::format("{}... ({} more bytes)\n", indent, b.size() - n);
  return out;
}

std::string indent_lines(const std::string& s, std::string_view indent) {
  std::string out;
  std::size_t pos = 0;
  while (pos < s.size()) {
    auto nl = s.find('\n', pos);
    if (nl == std::string::npos) nl = s.size();
    out += indent;
    out += s.substr(pos, nl - pos);
    out += '\n';
    pos = nl + 1;
  }
  return out;
}

std::string Narrator::paint(std::string_view code, std::string_view s) const {
  if (!o_.colour || code.empty()) return std::string(s);
  return std::string(code) + std::string(s) + "\x1b[0m";
}

std::string Narrator::cert_file(const std::string& side) const {
  auto it = cert_files_.find(side);
  return it == cert_files_.end() ? "<" + side + "-certificate.pem>" : it->second;
}

unsigned Narrator::shown_at(core::ByteView msg) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = shown_.find(core::to_hex(msg));
  return it == shown_.end() ? 0 : it->second;
}

void Narrator::remember(core::ByteView msg) {
  std::lock_guard<std::mutex> lock(mu_);
  shown_.emplace(core::to_hex(msg), step_);
}

void Narrator::text(const std::string& s) {
  std::lock_guard<std::mutex> lock(mu_);
  fmt::print(out_, "{}", s);
  std::fflush(out_);
  if (listener_) listener_(0, "", "text", s, "");
}

void Narrator::step(std::string_view side, std::string_view kind, const std::string& text,
                    const std::string& detail) {
  std::lock_guard<std::mutex> lock(mu_);
  ++step_;
  std::string_view side_colour = side == "client" ? kCyan : kMagenta;
  std::string_view kind_colour = kind == "message" ? kBold
                                 : kind == "secret" ? kYellow
                                 : kind == "state"  ? kGreen
                                 : kind == "alert"  ? kRed
                                 : kind == "note"   ? kDim
                                                    : std::string_view();
  fmt::print(out_, "{:3}. {} {} {}\n", step_, paint(side_colour, fmt::format("[{}]", side)),
             paint(kind_colour, fmt::format("{:<8}", kind)), text);
  if (!detail.empty()) fmt::print(out_, "{}\n", detail);
  std::fflush(out_);
  if (listener_) listener_(step_, side, kind, text, detail);
  if (o_.step) pause(kind);
}

void Narrator::pause(std::string_view kind) {
  if (skip_to_message_ && kind != "message") return;
  skip_to_message_ = false;
  fmt::print(out_, "{}",
             paint(kDim, "     (Enter: next step, m: next message, c: continue, q: quit) "));
  std::fflush(out_);
  StepKey k = o_.read_key ? o_.read_key() : StepKey::run_to_end;
  fmt::print(out_, "\n");
  if (k == StepKey::run_to_end) o_.step = false;
  if (k == StepKey::next_message) skip_to_message_ = true;
  if (k == StepKey::quit) {
    fmt::print(out_, "(quit)\n");
    std::fflush(out_);
    std::exit(0);
  }
  std::fflush(out_);
}

ExplainObserver::ExplainObserver(Narrator& n, std::string side)
    : n_(n),
      side_(std::move(side)),
      tracker_(side_ == "client" ? inspect::Sender::client : inspect::Sender::server) {}

std::string ExplainObserver::work(const Derivation& d) const {
  const auto& o = n_.options();
  std::string out = fmt::format("        = {}\n", d.formula);
  if (!o.show_work || !o.secrets) return out;
  for (auto& [name, value] : d.inputs)
    out += fmt::format("          {:<13} {}\n", name, core::to_hex(value));
  if (!d.checked) {
    out += "          (our recomputation from these inputs does NOT match the engine's value)\n";
    return out;
  }
  if (!d.command.empty()) {
    out += n_.paint(kDim, "          check: $ " + d.command) + "\n";
    out += n_.paint(kDim, "          expect: " + core::to_hex(d.output)) + "\n";
  }
  return out;
}

void ExplainObserver::on_record(core::Direction d, std::uint8_t outer, core::ByteView wire,
                                std::uint8_t inner, core::ByteView plain) {
  std::string verb = d == core::Direction::sent ? "writes" : "reads";
  if (outer == inner && wire.size() == plain.size() + 5) {
    n_.step(side_, "record", fmt::format("{} a plaintext {} record of {} bytes", verb,
                                         record::content_type_name(outer), wire.size()));
    return;
  }
  std::string detail = "        ciphertext (as on the wire):\n" + hex_block(wire, 48, "          ");
  detail += fmt::format("        decrypted: {} bytes of {}", plain.size(),
                        record::content_type_name(inner));
  if (inner == 23)
    detail += fmt::format(": \"{}\"", printable(plain, 120));
  else if (inner == 21 && plain.size() >= 2)
    detail += fmt::format(": level {} description {}", plain[0], plain[1]);
  else if (inner == 22)
    detail += " (the messages follow)";
  auto& p = pending_[d == core::Direction::sent ? 0 : 1];
  if (p.present) detail += "\n" + record_protection_text(p, n_.options().secrets);
  p = inspect::RecordCrypto{};
  std::string types = outer == inner ? fmt::format("type {}", record::content_type_name(outer))
                                      : fmt::format("outer type {}, really {}",
                                                    record::content_type_name(outer),
                                                    record::content_type_name(inner));
  n_.step(side_, "record",
          fmt::format("{} an encrypted record of {} bytes ({})", verb, wire.size(), types), detail);
}

void ExplainObserver::on_record_protection(core::Direction d,
                                           const core::RecordProtectionInfo& i) {
  pending_[d == core::Direction::sent ? 0 : 1] = inspect::to_record_crypto(i);
}

std::string ExplainObserver::certificate_verify_detail(core::Direction d, core::ByteView msg) {
  bool from_client = (side_ == "client") == (d == core::Direction::sent);
  std::string signer = from_client ? "client" : "server";
  if (msg.size() < 8) return {};
  std::uint16_t scheme = static_cast<std::uint16_t>(msg[4] << 8 | msg[5]);
  core::ByteView sig = msg.subspan(8);
  core::Bytes content;
  std::string out;
  if (kw_.tls13()) {
    auto c = kw_.certificate_verify_content(from_client);
    if (!c) return {};
    content = *c;
    out += fmt::format(
        "        the {} signs these {} bytes: 64 x 0x20 || \"TLS 1.3, {} CertificateVerify\" || 0x00 || "
        "H({})\n",
        signer, content.size(), signer, kw_.transcript_range());
    if (!signed_content_.empty())
      out += core::equal(signed_content_, content)
                 ? "        (the same bytes the engine handed to the signing key)\n"
                 : "        (WARNING: differs from what the engine signed)\n";
  } else {
    content = kw_.transcript_bytes();
    out += fmt::format("        the {} signs all handshake messages so far ({} bytes: {})\n",
                       signer, content.size(), kw_.transcript_range());
  }
  out += hex_block(content, 112, "          ");
  if (n_.options().show_work) {
    std::string args = pkeyutl_args(scheme);
    out += n_.paint(
        kDim,
        // Regular files, not pipes: Ed25519 one-shot verification needs the input's size.
        fmt::format("          check: $ echo {1} | xxd -r -p > cv_content.bin && echo {2} | xxd -r -p "
                    "> cv_sig.bin && openssl pkeyutl -verify -pubin -inkey <(openssl x509 -in {0} "
                    "-pubkey -noout) -rawin -in cv_content.bin -sigfile cv_sig.bin{3}{4}",
                    n_.cert_file(signer), core::to_hex(content), core::to_hex(sig),
                    args.empty() ? "" : " ", args)) +
           "\n";
    out += n_.paint(kDim, "          expect: Signature Verified Successfully") + "\n";
  }
  signed_content_.clear();
  return out;
}

std::string ExplainObserver::binder_detail(const BinderWork& w, unsigned shown) const {
  const auto& o = n_.options();
  std::string out = fmt::format("        the PSK binder covers {} bytes: {}\n", w.covered.size(), w.covered_desc);
  if (w.covered_desc.find("HelloRetryRequest") != std::string::npos)
    out += "        (after a HelloRetryRequest the transcript so far comes first, ClientHello1 replaced by "
           "message_hash: RFC 8446 4.2.11.2, 4.4.1)\n";
  if (o.show_work) {
    if (shown)
      out += fmt::format("        (the same {} bytes as in step {})\n", w.covered.size(), shown);
    else
      out += hex_block(w.covered, o.trees ? w.covered.size() : 96);
  }
  if (!o.secrets) return out;
  out += fmt::format("        finished_key = {}\n", core::to_hex(w.finished_key.output));
  out += work(w.finished_key);
  out += fmt::format("        binder = {}\n", core::to_hex(w.binder.output));
  out += work(w.binder);
  return out;
}

void ExplainObserver::on_handshake_message(core::Direction d, std::uint8_t type, core::ByteView msg) {
  auto t = static_cast<handshake::HandshakeType>(type);
  auto ctx = tracker_.next(d == core::Direction::sent, msg);
  std::string name = inspect::message_label(msg, ctx);
  bool from_client = (side_ == "client") == (d == core::Direction::sent);
  std::string detail;
  unsigned shown = n_.options().trees ? n_.shown_at(msg) : 0;
  if (shown) {
    detail += fmt::format("        (the same {} bytes as in step {}: field tree there)\n", msg.size(), shown);
  } else if (n_.options().trees) {
    inspect::TextStyle style;
    style.colour = n_.options().colour;
    detail += indent_lines(inspect::render_tree(inspect::dissect_handshake(msg, ctx), msg, style),
                           "        ");
  } else {
    detail += hex_block(msg);
  }
  if (t == handshake::HandshakeType::finished) {
    if (auto f = kw_.finished(msg, from_client)) {
      detail += fmt::format("        verify_data {} the value recomputed from our secrets\n",
                            f->checked ? "equals" : "does NOT equal");
      if (n_.options().secrets) detail += work(*f);
    }
  }
  if (t == handshake::HandshakeType::certificate_verify) detail += certificate_verify_detail(d, msg);
  // The client computed the binder before the hello existed as a message: shown here.
  const bool abbreviated = t == handshake::HandshakeType::server_hello && kw_.echoes_session_id(msg);
  std::optional<BinderWork> binder;
  if (t == handshake::HandshakeType::client_hello && d == core::Direction::sent)
    binder = kw_.psk_binder(msg);
  if (binder) detail += binder_detail(*binder, n_.shown_at(binder->covered));
  kw_.on_message(msg);
  if (!detail.empty() && detail.back() == '\n') detail.pop_back();
  n_.step(side_, "message",
          fmt::format("{} {} ({} bytes): {}", d == core::Direction::sent ? "sends" : "receives",
                      name, msg.size(), purpose(t, ctx, msg, from_client, abbreviated)),
          detail);
  if (!shown) n_.remember(msg);
  if (binder) n_.remember(binder->covered);
}

void ExplainObserver::on_state(core::Side, core::HandshakeState from, std::string_view event,
                               core::HandshakeState to) {
  n_.step(side_, "state",
          fmt::format("{} --{}--> {}", core::state_label(from), event, core::state_label(to)));
}

void ExplainObserver::on_secret(core::Secret kind, core::ByteView value) {
  using S = core::Secret;
  const std::string_view label = core::secret_label(kind);
  if (kind == S::certificate_verify_content) {
    // Shown with the CertificateVerify message itself (and checked against it).
    signed_content_ = core::to_bytes(value);
    return;
  }
  auto d = kw_.on_secret(kind, value);
  // TLS 1.3 record keys were shown under their traffic secret; the engine's own
  // report only needs a step when it disagrees with that recomputation.
  if (kw_.tls13() && (core::is_record_key(kind) || core::is_record_iv(kind)) && d && d->checked)
    return;
  if (!n_.options().secrets) {
    n_.step(side_, "secret", fmt::format("derives {} ({} bytes; value hidden)", label, value.size()),
            d ? fmt::format("        = {}", d->formula) : std::string());
    return;
  }
  std::string detail;
  if (kind == S::psk_binder) {
    // A server checks the binder of the hello it received (the client's is shown with its hello).
    if (auto w = kw_.psk_binder()) {
      detail = binder_detail(*w, n_.shown_at(w->covered));
      detail.pop_back();
      n_.step(side_, "secret", fmt::format("{} = {}", label, core::to_hex(value)), detail);
      n_.remember(w->covered);
      return;
    }
  }
  const bool traffic = core::is_traffic_secret(kind);
  if (d || traffic) {
    // A traffic secret taken from a key log has no derivation here, but its keys do.
    if (d) detail = work(*d);
    if (traffic) {
      for (auto& k : kw_.traffic_keys(kind)) {
        detail += fmt::format("        {} = {}\n", k.label, core::to_hex(k.output));
        detail += work(k);
      }
    }
    if (!detail.empty() && detail.back() == '\n') detail.pop_back();
  } else if (kind == S::ecdhe_shared_secret && value.size() == 64) {
    // Only the ML-KEM hybrids give 64 bytes (X25519 and P-256 give 32, P-384 48).
    detail = fmt::format(
        "        = a hybrid: two 32-byte secrets concatenated, in the group's order\n"
        "          (X25519MLKEM768: ML-KEM-768 || X25519; SecP256r1MLKEM768: ECDH || ML-KEM-768)\n"
        "          first  {}\n"
        "          second {}\n"
        "        both feed the key schedule as one input: an attacker must break both",
        core::to_hex(value.first(32)), core::to_hex(value.subspan(32)));
  } else if (kind == S::ecdhe_shared_secret) {
    detail = "        = the (EC)DH of our ephemeral private key and the peer's key share";
  } else if (kind == S::pre_master_secret) {
    detail = "        = the ECDH of our ephemeral private key and the peer's public key "
             "(ServerKeyExchange / ClientKeyExchange)";
  }
  n_.step(side_, "secret", fmt::format("{} = {}", label, core::to_hex(value)), detail);
}

void ExplainObserver::on_alert(core::Direction d, core::AlertLevel level, core::Alert a) {
  n_.step(side_, "alert", fmt::format("{} a {} alert: {} ({})",
                                      d == core::Direction::sent ? "sends" : "receives",
                                      core::alert_level_name(level), core::alert_name(a),
                                      static_cast<int>(a)));
}

void ExplainObserver::on_note(std::string_view text) { n_.step(side_, "note", std::string(text)); }

}  // namespace glass::teach
