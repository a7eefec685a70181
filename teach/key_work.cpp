#include "teach/key_work.hpp"

#include <fmt/core.h>

#include <algorithm>

#include "core/hex.hpp"
#include "core/reader.hpp"
#include "crypto/aead.hpp"
#include "crypto/hmac.hpp"
#include "crypto/kdf.hpp"
#include "handshake/certificate_verify.hpp"
#include "handshake/transcript.hpp"
#include "handshake/types.hpp"
#include "inspect/dissect.hpp"

namespace glass::teach {

using core::Secret;

namespace {

using core::ByteView;
using core::Bytes;

std::string hex(ByteView b) { return core::to_hex(b); }

Bytes text_bytes(std::string_view s) { return Bytes(s.begin(), s.end()); }

// The engine's label for the three TLS 1.3 Derive-Secret families.
struct DeriveRule {
  core::Secret label;
  std::string_view hkdf_label;
  core::Secret base;
};
constexpr DeriveRule kDerive[] = {
    {Secret::client_handshake_traffic_secret, "c hs traffic", Secret::handshake_secret},
    {Secret::server_handshake_traffic_secret, "s hs traffic", Secret::handshake_secret},
    {Secret::client_application_traffic_secret_0, "c ap traffic", Secret::master_secret},
    {Secret::server_application_traffic_secret_0, "s ap traffic", Secret::master_secret},
    {Secret::exporter_master_secret, "exp master", Secret::master_secret},
    {Secret::resumption_master_secret, "res master", Secret::master_secret},
};

}  // namespace

std::string rfc_hex(std::string_view title, ByteView b) {
  std::string out = fmt::format("      {} ({} octets):", title, b.size());
  if (b.empty()) return out + "  (empty)\n";
  std::string line = out + " ";
  out.clear();
  for (std::size_t i = 0; i < b.size(); ++i) {
    std::string h = fmt::format(" {:02x}", b[i]);
    if (line.size() + h.size() > 72) {
      out += line + "\n";
      line = "        ";
    }
    line += h;
  }
  return out + line + "\n";
}

// The ticket nonce is not reported; servers use small counters (1, 2 or 8 octets:
// ours, OpenSSL, GnuTLS), so try those until one gives the ticket's PSK.
std::optional<Bytes> KeyWork::ticket_nonce(ByteView rms, ByteView psk) const {
  for (std::size_t width : {1u, 2u, 8u})
    for (unsigned n = 0; n < 16; ++n) {
      Bytes nonce(width, 0);
      nonce.back() = static_cast<std::uint8_t>(n);
      Bytes hkdf_psk = crypto::hkdf_expand_label(hash_, rms, "resumption", nonce, psk.size());
      if (core::equal(hkdf_psk, psk)) return nonce;
    }
  return std::nullopt;
}

std::string KeyWork::digest_name() const {
  switch (hash_) {
    case crypto::HashAlg::sha1: return "SHA1";
    case crypto::HashAlg::sha256: return "SHA256";
    case crypto::HashAlg::sha384: return "SHA384";
    case crypto::HashAlg::sha512: return "SHA512";
  }
  return "SHA256";
}

void KeyWork::on_message(ByteView msg) {
  if (msg.size() < 4) return;
  std::uint8_t type = msg[0];
  if (type == 1 && handshake_finished()) {
    // The ClientHello of a next connection (a resumption): a transcript of its own.
    // The suite stays: a server derives the early secrets before it answers.
    msgs_.clear();
    names_.clear();
    client_random_.clear();
    server_random_.clear();
    client_ap_.clear();
    server_ap_.clear();
    // Per-connection key exchange results; the PSK secrets a client derived for this
    // hello were reported before it and stay.
    secrets_.erase(Secret::pre_master_secret);
    secrets_.erase(Secret::ecdhe_shared_secret);
  }
  if (type == 2) abbreviated_ = !tls13_ && echoes_session_id(msg);
  if (type == 1 && client_random_.empty() && msg.size() >= 38)
    client_random_.assign(msg.begin() + 6, msg.begin() + 38);
  if (type == 2 && msg.size() >= 38) {
    core::Reader r(msg.subspan(4));
    auto ver = r.u16();
    auto rnd = r.bytes(32);
    auto sid = r.opaque8();
    auto suite = r.u16();
    if (ver && rnd && sid && suite) {
      auto params = handshake::suite_params(static_cast<handshake::CipherSuite>(*suite));
      if (params) {
        have_suite_ = true;
        suite_ = *suite;
        hash_ = params->hash;
        tls13_ = params->version == handshake::ProtocolVersion::tls13;
      }
      if (inspect::is_hello_retry_request(msg) && have_suite_ && !msgs_.empty()) {
        // RFC 8446 4.4.1: ClientHello1 is replaced by message_hash.
        msgs_ = {handshake::Transcript::message_hash(hash_, msgs_.front())};
        names_ = {"message_hash"};
      } else {
        server_random_ = core::to_bytes(*rnd);
      }
    }
  }
  msgs_.push_back(core::to_bytes(msg));
  std::string name = inspect::message_label(msg);
  names_.push_back(name);
}

bool KeyWork::handshake_finished() const {
  return std::any_of(msgs_.begin(), msgs_.end(), [](const Bytes& m) { return m[0] == 20; });
}

Bytes KeyWork::transcript_bytes() const {
  Bytes all;
  for (auto& m : msgs_) all.insert(all.end(), m.begin(), m.end());
  return all;
}

Bytes KeyWork::transcript_hash(std::size_t count) const {
  Bytes all;
  for (std::size_t i = 0; i < count && i < msgs_.size(); ++i)
    all.insert(all.end(), msgs_[i].begin(), msgs_[i].end());
  return crypto::hash(hash_, all);
}

std::string KeyWork::range_name(std::size_t count) const {
  if (count == 0) return "\"\"";
  if (count == 1) return names_[0];
  return names_[0] + ".." + names_[count - 1];
}

std::optional<std::size_t> KeyWork::find_prefix(
    ByteView value, const std::function<Bytes(ByteView)>& make) const {
  for (std::size_t n = msgs_.size(); n > 0; --n) {
    Bytes h = transcript_hash(n);
    if (core::ct_equal(make(h), value)) return n;
  }
  return std::nullopt;
}

Derivation KeyWork::expand_label(std::string label, std::string_view base_name, ByteView base,
                                 std::string_view hkdf_label, ByteView context, std::size_t len,
                                 std::string context_desc) const {
  Derivation d;
  d.label = std::move(label);
  Bytes info = crypto::hkdf_label(hkdf_label, context, len);
  d.formula = fmt::format("HKDF-Expand-Label({}, \"{}\", {}, {})", base_name, hkdf_label,
                          context_desc, len);
  d.inputs = {{"PRK", core::to_bytes(base)}, {"hash", core::to_bytes(context)}, {"info", info}};
  d.output = crypto::hkdf_expand_label(hash_, base, hkdf_label, context, len);
  d.command = fmt::format(
      "openssl kdf -keylen {} -kdfopt digest:{} -kdfopt mode:EXPAND_ONLY -kdfopt hexkey:{} "
      "-kdfopt hexinfo:{} HKDF",
      len, digest_name(), hex(base), hex(info));
  d.rfc_title = fmt::format("derive secret \"tls13 {}\"", hkdf_label);
  return d;
}

Derivation KeyWork::extract(std::string label, std::string_view salt_desc, ByteView salt,
                            std::string_view ikm_desc, ByteView ikm) const {
  Derivation d;
  d.label = std::move(label);
  d.formula = fmt::format("HKDF-Extract(salt = {}, IKM = {})", salt_desc, ikm_desc);
  d.inputs = {{"salt", core::to_bytes(salt)}, {"IKM", core::to_bytes(ikm)}};
  d.output = crypto::hkdf_extract(hash_, salt, ikm);
  d.command = fmt::format(
      "openssl kdf -keylen {} -kdfopt digest:{} -kdfopt mode:EXTRACT_ONLY -kdfopt hexkey:{} "
      "-kdfopt hexsalt:{} HKDF",
      crypto::hash_size(hash_), digest_name(), hex(ikm), hex(salt));
  return d;
}

Derivation KeyWork::prf(std::string label, std::string_view secret_name, ByteView secret,
                        std::string_view prf_label, ByteView seed, std::size_t len,
                        std::string seed_desc) const {
  Derivation d;
  d.label = std::move(label);
  d.formula = fmt::format("PRF({}, \"{}\", {})[0..{}]", secret_name, prf_label, seed_desc, len);
  Bytes full_seed = text_bytes(prf_label);
  full_seed.insert(full_seed.end(), seed.begin(), seed.end());
  d.inputs = {{"secret", core::to_bytes(secret)}, {"label + seed", full_seed}};
  d.output = crypto::tls12_prf(hash_, secret, prf_label, seed, len);
  d.command = fmt::format(
      "openssl kdf -keylen {} -kdfopt digest:{} -kdfopt hexsecret:{} -kdfopt hexseed:{} TLS1-PRF",
      len, digest_name(), hex(secret), hex(full_seed));
  d.rfc_title = fmt::format("compute \"{}\"", prf_label);
  return d;
}

const Bytes* KeyWork::secret(Secret name) const {
  auto it = secrets_.find(name);
  return it == secrets_.end() ? nullptr : &it->second;
}

std::optional<Derivation> KeyWork::on_secret(Secret kind, ByteView value) {
  std::optional<Derivation> out;
  if (have_suite_ && tls13_) {
    out = explain13(kind, value);
    if (kind == Secret::client_application_traffic_secret_0 ||
        kind == Secret::client_application_traffic_secret_next)
      client_ap_ = core::to_bytes(value);
    if (kind == Secret::server_application_traffic_secret_0 ||
        kind == Secret::server_application_traffic_secret_next)
      server_ap_ = core::to_bytes(value);
  } else if (have_suite_) {
    out = explain12(kind, value);
  }
  secrets_[kind] = core::to_bytes(value);
  if (out) out->secret = kind;
  if (out) out->checked = core::ct_equal(out->output, value);
  return out;
}

std::optional<Derivation> KeyWork::explain13(Secret kind, ByteView value) const {
  const std::size_t hlen = crypto::hash_size(hash_);
  const std::string_view label = core::secret_label(kind);
  if (kind == Secret::early_secret || kind == Secret::handshake_secret || kind == Secret::master_secret)
    return extract13(kind, value);
  if (core::is_record_key(kind) || core::is_record_iv(kind)) {
    bool key = core::is_record_key(kind);
    std::string base_name(core::secret_label(core::traffic_secret_of(kind)));
    const Bytes* base = secret(core::traffic_secret_of(kind));
    if (!base) return std::nullopt;
    Derivation d = expand_label(std::string(label), base_name, *base, key ? "key" : "iv", {},
                                value.size(), "\"\"");
    d.rfc_title = fmt::format("derive {} for {}", key ? "write key" : "write iv", base_name);
    return d;
  }
  if (kind == Secret::binder_key && secret(Secret::early_secret)) {
    const Bytes* early = secret(Secret::early_secret);
    const Bytes empty_hash = crypto::hash(hash_, {});
    if (!core::equal(crypto::derive_secret(hash_, *early, "res binder", empty_hash), value))
      return std::nullopt;
    Derivation d = expand_label(std::string(label), "early_secret", *early, "res binder",
                                empty_hash, hlen, "H(\"\")");
    d.formula = "Derive-Secret(early_secret, \"res binder\", \"\") = " + d.formula;
    return d;
  }
  if (kind == Secret::ticket_psk && secret(Secret::resumption_master_secret)) {
    const Bytes* rms = secret(Secret::resumption_master_secret);
    auto nonce = ticket_nonce(*rms, value);
    if (!nonce) return std::nullopt;
    return expand_label(std::string(label), "resumption_master_secret", *rms, "resumption",
                        *nonce, hlen, "ticket_nonce " + hex(*nonce));
  }
  if (kind == Secret::client_application_traffic_secret_next ||
      kind == Secret::server_application_traffic_secret_next) {
    bool client = kind == Secret::client_application_traffic_secret_next;
    const Bytes& cur = client ? client_ap_ : server_ap_;
    if (cur.empty()) return std::nullopt;
    return expand_label(std::string(label),
                        fmt::format("{}_application_traffic_secret_N", client ? "client" : "server"),
                        cur, "traffic upd", {}, hlen, "\"\"");
  }
  return derive13(kind, value);
}

// The three HKDF-Extract steps of the TLS 1.3 key schedule (RFC 8446 7.1).
std::optional<Derivation> KeyWork::extract13(Secret kind, ByteView value) const {
  const Bytes zeros(crypto::hash_size(hash_), 0);
  const std::string_view label = core::secret_label(kind);
  if (kind == Secret::early_secret) {
    // Resumption: the engine reports the ticket's PSK just before the early secret.
    const Bytes* psk = secret(Secret::psk);
    bool from_psk = psk && core::equal(crypto::hkdf_extract(hash_, zeros, *psk), value);
    Derivation d = extract(std::string(label), "0 (all zero octets)", zeros,
                           from_psk ? "the PSK from the ticket" : "0 (no PSK)",
                           from_psk ? *psk : zeros);
    d.rfc_title = "extract secret \"early\"";
    return d;
  }
  bool hs = kind == Secret::handshake_secret;
  const Bytes* prev = secret(hs ? Secret::early_secret : Secret::handshake_secret);
  const Bytes* ikm = hs ? secret(Secret::ecdhe_shared_secret) : &zeros;
  if (!prev || !ikm) return std::nullopt;
  Bytes salt = crypto::derive_secret(hash_, *prev, "derived", crypto::hash(hash_, {}));
  Derivation d = extract(std::string(label),
                         fmt::format("Derive-Secret({}, \"derived\", \"\") = {}",
                                     hs ? "early_secret" : "handshake_secret", hex(salt)),
                         salt, hs ? "the ECDHE shared secret" : "0 (all zero octets)", *ikm);
  d.rfc_title = hs ? "extract secret \"handshake\"" : "extract secret \"master\"";
  return d;
}

// Derive-Secret over the transcript prefix that reproduces the engine's value.
std::optional<Derivation> KeyWork::derive13(Secret kind, ByteView value) const {
  const std::string_view label = core::secret_label(kind);
  for (const auto& rule : kDerive) {
    if (kind != rule.label) continue;
    const Bytes* base = secret(rule.base);
    if (!base) break;
    auto n = find_prefix(value, [&](ByteView h) {
      return crypto::derive_secret(hash_, *base, rule.hkdf_label, h);
    });
    if (!n) break;
    Bytes h = transcript_hash(*n);
    const std::string_view base_name = core::secret_label(rule.base);
    Derivation d = expand_label(std::string(label), base_name, *base, rule.hkdf_label, h,
                                crypto::hash_size(hash_), "H(" + range_name(*n) + ")");
    d.formula = fmt::format("Derive-Secret({}, \"{}\", {}) = {}", base_name, rule.hkdf_label,
                            range_name(*n), d.formula);
    return d;
  }
  return std::nullopt;
}

// TLS 1.2: the master secret (RFC 7627 or RFC 5246) and the key block slices.
std::optional<Derivation> KeyWork::explain12(Secret kind, ByteView value) const {
  const std::string_view label = core::secret_label(kind);
  const Bytes* pms = secret(Secret::pre_master_secret);
  const Bytes* ms = secret(Secret::master_secret);
  if (kind == Secret::master_secret && !pms && abbreviated_) {
    Derivation d;
    d.label = std::string(label);
    d.formula = "the resumed session's master secret, from the ticket (RFC 5077 3.4: no key exchange)";
    d.output = core::to_bytes(value);
    return d;
  }
  if (kind == Secret::master_secret && pms) {
    auto n = find_prefix(value, [&](ByteView h) {
      return crypto::tls12_prf(hash_, *pms, "extended master secret", h, value.size());
    });
    if (n)
      return prf(std::string(label), "pre_master_secret", *pms, "extended master secret",
                 transcript_hash(*n), value.size(), "session_hash = H(" + range_name(*n) + ")");
    Bytes seed = client_random_;
    seed.insert(seed.end(), server_random_.begin(), server_random_.end());
    return prf(std::string(label), "pre_master_secret", *pms, "master secret", seed, value.size(),
               "client_random + server_random");
  }
  if (!ms || (kind != Secret::client_write_key && kind != Secret::server_write_key &&
              kind != Secret::client_write_iv && kind != Secret::server_write_iv))
    return std::nullopt;
  const Bytes* ck = secret(Secret::client_write_key);
  const Bytes* civ = secret(Secret::client_write_iv);
  std::size_t kl = ck ? ck->size() : value.size();
  std::size_t off = 0;
  if (kind == Secret::server_write_key) off = kl;
  if (kind == Secret::client_write_iv) off = 2 * kl;
  if (kind == Secret::server_write_iv) off = 2 * kl + (civ ? civ->size() : value.size());
  Bytes seed = server_random_;
  seed.insert(seed.end(), client_random_.begin(), client_random_.end());
  Derivation d = prf(std::string(label), "master_secret", *ms, "key expansion", seed,
                     off + value.size(), "server_random + client_random");
  d.output = Bytes(d.output.begin() + static_cast<std::ptrdiff_t>(off), d.output.end());
  d.formula = fmt::format("key_block[{}..{}] where key_block = {}", off, off + value.size(), d.formula);
  d.command += fmt::format(" | tr -d : | cut -c {}-{}", 2 * off + 1, 2 * (off + value.size()));
  return d;
}

core::Bytes KeyWork::derive_now(ByteView base, std::string_view label) const {
  return crypto::derive_secret(hash_, base, label, transcript_hash(msgs_.size()));
}

std::vector<Derivation> KeyWork::traffic_keys(Secret traffic_secret) const {
  std::vector<Derivation> out;
  const std::string_view label = core::secret_label(traffic_secret);
  auto it = secrets_.find(traffic_secret);
  if (!have_suite_ || !tls13_ || it == secrets_.end()) return out;
  auto params = handshake::suite_params(static_cast<handshake::CipherSuite>(suite_));
  if (!params) return out;
  for (auto [what, len] : {std::pair<std::string_view, std::size_t>{"key", crypto::aead_key_size(params->aead)},
                           std::pair<std::string_view, std::size_t>{"iv", crypto::aead_nonce_size}}) {
    Derivation d = expand_label(std::string(label) + " " + std::string(what), label, it->second,
                                what, {}, len, "\"\"");
    d.rfc_title = fmt::format("derive write traffic {} from {}", what, label);
    d.secret = core::record_key_of(traffic_secret, what == "iv");
    d.checked = true;  // the engine reports these next; on_secret compares them
    out.push_back(std::move(d));
  }
  return out;
}

std::optional<Derivation> KeyWork::finished(ByteView msg, bool from_client) {
  if (!have_suite_ || msg.size() < 4) return std::nullopt;
  ByteView verify = msg.subspan(4);
  Bytes h = transcript_hash(msgs_.size());
  std::string range = "H(" + range_name(msgs_.size()) + ")";
  Derivation d;
  d.label = std::string(from_client ? "client" : "server") + " Finished verify_data";
  if (tls13_) {
    const Secret base = from_client ? Secret::client_handshake_traffic_secret
                                    : Secret::server_handshake_traffic_secret;
    const std::string_view base_name = core::secret_label(base);
    auto it = secrets_.find(base);
    if (it == secrets_.end()) return std::nullopt;
    Bytes info = crypto::hkdf_label("finished", {}, crypto::hash_size(hash_));
    Bytes fk = crypto::hkdf_expand_label(hash_, it->second, "finished", {}, crypto::hash_size(hash_));
    d.formula = fmt::format("HMAC(finished_key, {}), finished_key = HKDF-Expand-Label({}, \"finished\", \"\", {})",
                            range, base_name, crypto::hash_size(hash_));
    d.inputs = {{"finished_key", fk}, {"hash", h}};
    d.output = crypto::hmac(hash_, fk, h);
    d.command = fmt::format(
        "openssl mac -digest {0} -macopt hexkey:$(openssl kdf -keylen {1} -kdfopt digest:{0} "
        "-kdfopt mode:EXPAND_ONLY -kdfopt hexkey:{2} -kdfopt hexinfo:{3} HKDF | tr -d :) "
        "-in <(echo {4} | xxd -r -p) HMAC",
        digest_name(), crypto::hash_size(hash_), hex(it->second), hex(info), hex(h));
    d.rfc_title = std::string("compute ") + (from_client ? "client" : "server") + " Finished";
  } else {
    auto it = secrets_.find(Secret::master_secret);
    if (it == secrets_.end()) return std::nullopt;
    d = prf(d.label, "master_secret", it->second, from_client ? "client finished" : "server finished",
            h, verify.size(), range);
  }
  d.checked = core::ct_equal(d.output, verify);
  return d;
}

std::optional<core::Bytes> KeyWork::certificate_verify_content(bool from_client) const {
  if (!have_suite_ || !tls13_) return std::nullopt;
  Bytes h = transcript_hash(msgs_.size());
  return handshake::certificate_verify_content(
      from_client ? handshake::Side::client : handshake::Side::server, h);
}

}  // namespace glass::teach
