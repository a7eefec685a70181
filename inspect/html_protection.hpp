#pragma once
// The protection values of one record (sequence number, nonce, additional
// data, tag, ...) as rows for its HTML panel, read from the event's `crypto`
// member (inspect::RecordCrypto) when the Event type of this build has one,
// nothing otherwise. A template, so the panel compiles either way.
#include <string>
#include <vector>

#include "core/bytes.hpp"
#include "core/hex.hpp"
#include "inspect/report.hpp"

namespace glass::inspect::html {

inline std::string short_hex(const core::Bytes& b, std::size_t max = 64) {
  if (b.size() <= max) return core::to_hex(b);
  return core::to_hex(core::ByteView(b).first(max)) + "… (" + std::to_string(b.size()) + " bytes)";
}

template <class E>
std::vector<ProtectionValue> crypto_values(const E& ev, bool secrets) {
  std::vector<ProtectionValue> out;
  if constexpr (requires { ev.crypto.present; ev.crypto.seq; ev.crypto.nonce; ev.crypto.aad; ev.crypto.tag; }) {
    const auto& c = ev.crypto;
    if (!c.present) return out;
    const bool t13 = c.version == 0x0304;
    auto secret = [&](const core::Bytes& b) { return secrets ? core::to_hex(b) : std::string("(hidden)"); };
    out.push_back({"AEAD", std::string(c.aead), ""});
    out.push_back({"sequence number", std::to_string(c.seq),
                   "records sent under this key before this one; never on the wire, so a replayed or "
                   "reordered record fails to decrypt"});
    if (!c.write_iv.empty())
      out.push_back({"write IV", secret(c.write_iv), t13 ? "from the traffic secret" : "the 4-byte salt from the key_block"});
    if (!c.explicit_nonce.empty())
      out.push_back({"explicit nonce", core::to_hex(c.explicit_nonce), "sent in clear before the ciphertext"});
    out.push_back({"nonce", secret(c.nonce),
                   c.explicit_nonce.empty() ? "write IV XOR the sequence number (left-padded to 12 bytes)"
                                            : "salt || explicit nonce"});
    out.push_back({"additional data", core::to_hex(c.aad),
                   t13 ? "the 5-byte record header: authenticated, not encrypted"
                       : "sequence number || type || version || length: authenticated, not encrypted"});
    if (!c.inner_plaintext.empty())
      out.push_back({"inner plaintext", short_hex(c.inner_plaintext),
                     t13 ? "content || real content type || " + std::to_string(c.padding) + " zero bytes of padding"
                         : "the content"});
    out.push_back({"ciphertext", short_hex(c.ciphertext), ""});
    out.push_back({"tag", core::to_hex(c.tag), "the AEAD tag: any change to the record or the additional data breaks it"});
  }
  return out;
}

}  // namespace glass::inspect::html
