#include "teach/derived_secrets.hpp"

namespace glass::teach {

void DerivedSecrets::on_handshake_message(core::Direction d, std::uint8_t type, core::ByteView msg) {
  kw_.on_message(msg);
  next_.on_handshake_message(d, type, msg);
}

void DerivedSecrets::on_secret(core::Secret kind, core::ByteView value) {
  if (kind == core::Secret::master_secret) master_ = core::SecretBytes(value);
  next_.on_secret(kind, value);
  if (kind != core::Secret::server_application_traffic_secret_0 || !kw_.tls13() || master_.empty())
    return;
  // The transcript now ends with the server's Finished on both sides.
  core::SecretBytes ems(kw_.derive_now(master_, "exp master"));
  master_ = {};
  next_.on_secret(core::Secret::exporter_master_secret, ems);
}

}  // namespace glass::teach
