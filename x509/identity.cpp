#include "x509/identity.hpp"

#include "x509/certificate_file.hpp"
#include "x509/pkcs12_reader.hpp"
#include "x509/private_key.hpp"

namespace glass::x509 {

using core::Alert;
using core::make_error;

core::Result<std::vector<Bytes>> load_certificate_ders(const std::string& path) {
  GLASS_TRY(auto certs, load_certificate_file(path));
  std::vector<Bytes> out;
  for (auto& c : certs) out.push_back(core::to_bytes(c.der()));
  return out;
}

core::Result<Identity> identity_from_pkcs12(ByteView p12, const pbe::Password& pw,
                                            const std::string& label) {
  auto loaded = pkcs12::load(p12, pw);
  if (!loaded) return make_error(loaded.error().alert, label + ": " + loaded.error().reason);
  if (loaded->certificate.empty())
    return make_error(Alert::bad_certificate,
                      label + ": holds a private key but no certificate that matches it");
  Identity id;
  id.chain.push_back(loaded->certificate);
  for (auto& c : loaded->chain) id.chain.push_back(c);
  id.key = std::make_shared<crypto::SigningKey>(std::move(loaded->key));
  id.label = label;
  return id;
}

core::Result<Identity> pair_identity(std::vector<Bytes> chain,
                                     std::shared_ptr<const crypto::SigningKey> key,
                                     const std::string& chain_label, const std::string& key_label,
                                     bool require_key_match) {
  if (chain.empty() || !key) return make_error(Alert::internal_error, "an identity needs a chain and a key");
  auto match = key_matches_certificate(*key, chain.front());
  if (!match) return make_error(match.error().alert, key_label + ": " + match.error().reason);
  if (!*match && require_key_match)
    return make_error(Alert::internal_error,
                      key_label + " is not the key of the first certificate in " + chain_label);
  Identity id;
  id.chain = std::move(chain);
  id.key = std::move(key);
  id.label = chain_label;
  return id;
}

namespace {

core::Result<pbe::Password> ask(const PasswordSource& password, const std::string& path) {
  if (!password) return pbe::Password{};
  return password(path);
}

core::Result<Identity> load_pkcs12_file(const std::string& path, const PasswordSource& password) {
  GLASS_TRY(auto bytes, read_file(path));
  core::SecretBytes file(std::move(bytes));
  GLASS_TRY(auto pw, ask(password, path));
  return identity_from_pkcs12(file.view(), pw, path);
}

core::Result<Identity> load_key_pair(const IdentityFiles& f, const PasswordSource& password,
                                     bool require_key_match) {
  GLASS_TRY(auto chain, load_certificate_ders(f.cert));
  GLASS_TRY(auto bytes, read_file(f.key));
  core::SecretBytes keyfile(std::move(bytes));
  GLASS_TRY(auto pw, ask(password, f.key));
  auto key = load_private_key(keyfile.view(), pw);
  if (!key) return make_error(key.error().alert, f.key + ": " + key.error().reason);
  return pair_identity(std::move(chain), std::make_shared<crypto::SigningKey>(std::move(key->key)),
                       f.cert, f.key, require_key_match);
}

}  // namespace

core::Result<Identity> load_identity(const IdentityFiles& files, const PasswordSource& password,
                                     bool require_key_match) {
  if (!files.p12.empty()) return load_pkcs12_file(files.p12, password);
  if (files.cert.empty() || files.key.empty())
    return make_error(Alert::internal_error, "give --p12 FILE, or both --cert FILE and --key FILE");
  return load_key_pair(files, password, require_key_match);
}

}  // namespace glass::x509
