// What KeyWork recognises of resumption: the PSK binder recomputed from the
// ClientHello bytes it covers, and a TLS 1.2 ServerHello resuming a session.
#include <fmt/core.h>

#include "core/hex.hpp"
#include "core/reader.hpp"
#include "crypto/hmac.hpp"
#include "crypto/kdf.hpp"
#include "handshake/client_hello.hpp"
#include "handshake/extensions_typed.hpp"
#include "teach/key_work.hpp"

namespace glass::teach {

namespace {

// Length of the binders list at the end of a framed ClientHello offering a PSK.
std::optional<std::size_t> binders_length(core::ByteView hello) {
  if (hello.size() < 4 || hello[0] != 1) return std::nullopt;
  core::Reader r(hello.subspan(4));
  auto ch = handshake::ClientHello::parse(r);
  if (!ch) return std::nullopt;
  auto offer = ch->extensions.get<handshake::OfferedPsks>();
  if (!offer || !*offer) return std::nullopt;
  std::size_t n = (*offer)->binders_wire_length();
  if (n + 4 > hello.size()) return std::nullopt;
  return n;
}

// The legacy_session_id of a framed ClientHello or ServerHello (the same offset in both).
std::optional<core::ByteView> hello_session_id(core::ByteView hello) {
  if (hello.size() < 4) return std::nullopt;
  core::Reader r(hello.subspan(4));
  if (!r.u16() || !r.bytes(32)) return std::nullopt;
  auto sid = r.opaque8();
  if (!sid) return std::nullopt;
  return *sid;
}

// finished_key and binder of `w` (its covered bytes set), the binder compared with
// the value the engine reported.
void fill_binder_work(BinderWork& w, crypto::HashAlg alg, core::ByteView binder_key,
                      core::ByteView reported) {
  const bool sha384 = alg == crypto::HashAlg::sha384;
  const std::size_t hlen = binder_key.size();
  core::Bytes info = crypto::hkdf_label("finished", {}, hlen);
  Derivation& fk = w.finished_key;
  fk.label = "binder finished_key";
  fk.formula = fmt::format("HKDF-Expand-Label(binder_key, \"finished\", \"\", {})", hlen);
  fk.inputs = {{"PRK", core::to_bytes(binder_key)}, {"info", info}};
  fk.output = crypto::hkdf_expand_label(alg, binder_key, "finished", {}, hlen);
  fk.command = fmt::format(
      "openssl kdf -keylen {} -kdfopt digest:{} -kdfopt mode:EXPAND_ONLY -kdfopt hexkey:{} "
      "-kdfopt hexinfo:{} HKDF",
      hlen, sha384 ? "SHA384" : "SHA256", core::to_hex(binder_key), core::to_hex(info));

  Derivation& b = w.binder;
  core::Bytes h = crypto::hash(alg, w.covered);
  b.label = "psk_binder";
  b.secret = core::Secret::psk_binder;
  b.formula = fmt::format("HMAC(finished_key, Transcript-Hash({}))", w.covered_desc);
  b.inputs = {{"finished_key", fk.output}, {"hash", h}};
  b.output = crypto::hmac(alg, fk.output, h);
  b.command = fmt::format(
      "openssl mac -digest {} -macopt hexkey:{} -in <(echo {} | xxd -r -p | openssl dgst -{} "
      "-binary) HMAC",
      sha384 ? "SHA384" : "SHA256", core::to_hex(fk.output), core::to_hex(w.covered),
      sha384 ? "sha384" : "sha256");
  // The engine reports no finished_key: it is as right as the binder it gives.
  b.checked = core::ct_equal(b.output, reported);
  fk.checked = b.checked;
}

}  // namespace

bool KeyWork::echoes_session_id(core::ByteView server_hello) const {
  if (msgs_.empty() || msgs_.front()[0] != 1) return false;
  auto offered = hello_session_id(msgs_.front());
  auto echoed = hello_session_id(server_hello);
  return offered && echoed && !offered->empty() && core::equal(*offered, *echoed);
}

std::optional<BinderWork> KeyWork::psk_binder(core::ByteView client_hello) const {
  auto key = secrets_.find(core::Secret::binder_key);
  auto reported = secrets_.find(core::Secret::psk_binder);
  if (key == secrets_.end() || reported == secrets_.end()) return std::nullopt;
  // A hello after a finished handshake starts a new connection (see on_message).
  std::size_t prior = handshake_finished() ? 0 : msgs_.size();
  if (client_hello.empty()) {
    if (msgs_.empty()) return std::nullopt;
    client_hello = msgs_.back();
    prior = msgs_.size() - 1;
  }
  auto binders = binders_length(client_hello);
  if (!binders) return std::nullopt;
  // The suite is not known before ServerHello: the binder key has the length of the
  // ticket suite's hash, which names it.
  const std::size_t hlen = key->second.size();
  const crypto::HashAlg alg = hlen == 48 ? crypto::HashAlg::sha384 : crypto::HashAlg::sha256;

  BinderWork w;
  for (std::size_t i = 0; i < prior; ++i) {
    w.covered.insert(w.covered.end(), msgs_[i].begin(), msgs_[i].end());
    w.covered_desc += names_[i] + " + ";
  }
  const std::size_t cut = client_hello.size() - *binders;
  w.covered.insert(w.covered.end(), client_hello.begin(),
                   client_hello.begin() + static_cast<std::ptrdiff_t>(cut));
  w.covered_desc += fmt::format("ClientHello[0000-{:04x}]", cut - 1);

  fill_binder_work(w, alg, key->second, reported->second);
  return w;
}

}  // namespace glass::teach
