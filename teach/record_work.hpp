#pragma once
// "Show your work" for one protected record: the sequence number, the nonce as
// write_iv XOR the padded sequence number (TLS 1.2 AES-GCM: salt || explicit
// nonce), the additional data, what was encrypted (TLS 1.3: content || type ||
// zero padding), the ciphertext and the tag, as indented narrative lines.
#include <string>

#include "inspect/recorder.hpp"

namespace glass::teach {

// secrets=false hides the write iv and the nonce.
std::string record_protection_text(const inspect::RecordCrypto& c, bool secrets);

}  // namespace glass::teach
