#pragma once
// Identities (a certificate chain and its private key) for the CLI and the
// library API: one loader for a PKCS#12 file with its password, or for a
// certificate chain file with its private key file (PEM or DER).
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/bytes.hpp"
#include "core/result.hpp"
#include "crypto/signature.hpp"
#include "x509/pbe.hpp"
#include "x509/read_file.hpp"

namespace glass::x509 {

using core::Bytes;
using core::ByteView;

struct Identity {
  std::vector<Bytes> chain;  // DER, leaf first
  std::shared_ptr<const crypto::SigningKey> key;
  std::string label;  // where it came from ("client.p12"), for messages
};

// The DER of every certificate in a PEM or DER file (see certificate_file.hpp).
core::Result<std::vector<Bytes>> load_certificate_ders(const std::string& path);

// Where an identity is: a PKCS#12 file, or a chain file (leaf first) and a key file.
struct IdentityFiles {
  std::string p12;
  std::string cert, key;
};

// Asked for the password of the file named `path` when one is needed.
using PasswordSource = std::function<core::Result<pbe::Password>(const std::string& path)>;

// The identity in `files`: from the .p12 when one is named, else from cert and key.
// `password` is asked once for the .p12, or for the key file; without one the
// .p12 is tried with the empty password and the key is read unencrypted. The
// password and the key file's bytes are wiped when done. With require_key_match
// a key that is not the leaf's is refused.
core::Result<Identity> load_identity(const IdentityFiles& files, const PasswordSource& password,
                                     bool require_key_match = true);

// The steps of load_identity for bytes already in memory. `label` names the
// source in error messages ("client.p12: wrong password ...").
core::Result<Identity> identity_from_pkcs12(ByteView p12, const pbe::Password& pw,
                                            const std::string& label);
// A chain and its key; refused when the key is not the leaf's (unless
// require_key_match is false): "<key_label> is not the key of the first
// certificate in <chain_label>".
core::Result<Identity> pair_identity(std::vector<Bytes> chain,
                                     std::shared_ptr<const crypto::SigningKey> key,
                                     const std::string& chain_label, const std::string& key_label,
                                     bool require_key_match = true);

}  // namespace glass::x509
