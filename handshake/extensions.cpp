#include "handshake/extensions.hpp"

#include <algorithm>

namespace glass::handshake {

using core::Alert;
using core::make_error;

std::string_view name_of(ExtensionContext c) {
  switch (c) {
    case ExtensionContext::client_hello: return "ClientHello";
    case ExtensionContext::server_hello: return "ServerHello";
    case ExtensionContext::hello_retry_request: return "HelloRetryRequest";
    case ExtensionContext::encrypted_extensions: return "EncryptedExtensions";
    case ExtensionContext::certificate: return "Certificate";
    case ExtensionContext::certificate_request: return "CertificateRequest";
    case ExtensionContext::new_session_ticket: return "NewSessionTicket";
  }
  return "unknown message";
}

core::Result<Extensions> Extensions::parse(core::Reader& r, ExtensionContext where,
                                           std::size_t min, std::size_t max) {
  GLASS_TRY(auto block, r.vec16("extensions", min, max));
  Extensions out;
  {
    // Count first so the list is allocated once (a ClientHello carries ~10).
    core::Reader counter = block;
    counter.record_into(nullptr);  // a wire tree shows each extension once
    std::size_t n = 0;
    while (counter.remaining() >= 4 && counter.u16("extension type") && counter.opaque16("extension_data")) ++n;
    out.list_.reserve(n);
  }
  while (!block.empty()) {
    GLASS_TRY(auto type, block.u16("extension type"));
    std::size_t at = block.offset() + 2;
    GLASS_TRY(auto data, block.opaque16("extension_data"));
    auto t = static_cast<ExtensionType>(type);
    if (out.has(t))
      return make_error(Alert::illegal_parameter, "duplicate extension " + name_of(t) + " in " +
                                                      std::string(name_of(where)));
    out.list_.push_back(Extension{t, core::to_bytes(data), at});
  }
  return out;
}

void Extensions::serialize(core::Writer& w) const {
  w.vec16([&] {
    for (const auto& e : list_) {
      w.u16(static_cast<std::uint16_t>(e.type));
      w.opaque16(e.data);
    }
  });
}

const Extension* Extensions::find(ExtensionType t) const {
  for (const auto& e : list_)
    if (e.type == t) return &e;
  return nullptr;
}

void Extensions::set_raw(ExtensionType t, core::Bytes data) {
  for (auto& e : list_)
    if (e.type == t) {
      e.data = std::move(data);
      return;
    }
  list_.push_back(Extension{t, std::move(data), 0});
}

void Extensions::remove(ExtensionType t) {
  list_.erase(std::remove_if(list_.begin(), list_.end(),
                             [t](const Extension& e) { return e.type == t; }),
              list_.end());
}

core::Error Extensions::with_context(ExtensionType t, core::Error e) {
  e.reason = name_of(t) + " extension: " + e.reason;
  return e;
}

core::Error Extensions::missing(ExtensionType t, ExtensionContext where) {
  return make_error(Alert::missing_extension,
                    std::string(name_of(where)) + " has no " + name_of(t) + " extension");
}

// --- RFC 8446 4.2 table -----------------------------------------------------

namespace {
using C = ExtensionContext;
using T = ExtensionType;

// Bit per context, in ExtensionContext order.
constexpr unsigned bit(C c) { return 1u << static_cast<unsigned>(c); }
constexpr unsigned CH = bit(C::client_hello), SH = bit(C::server_hello),
                   HRR = bit(C::hello_retry_request), EE = bit(C::encrypted_extensions),
                   CT = bit(C::certificate), CR = bit(C::certificate_request),
                   NST = bit(C::new_session_ticket);

// 0 means "not recognised".
unsigned allowed_mask(T t) {
  switch (t) {
    case T::server_name: return CH | EE;
    case T::max_fragment_length: return CH | EE;
    case T::status_request: return CH | CR | CT;
    case T::supported_groups: return CH | EE;
    case T::signature_algorithms: return CH | CR;
    case T::use_srtp: return CH | EE;
    case T::heartbeat: return CH | EE;
    case T::application_layer_protocol_negotiation: return CH | EE;
    case T::signed_certificate_timestamp: return CH | CR | CT;
    case T::client_certificate_type: return CH | EE;
    case T::server_certificate_type: return CH | EE;
    case T::padding: return CH;
    case T::record_size_limit: return CH | EE;  // RFC 8449 section 5
    case T::pre_shared_key: return CH | SH;
    case T::early_data: return CH | EE | NST;
    case T::supported_versions: return CH | SH | HRR;
    case T::cookie: return CH | HRR;
    case T::psk_key_exchange_modes: return CH;
    case T::certificate_authorities: return CH | CR;
    case T::oid_filters: return CR;
    case T::post_handshake_auth: return CH;
    case T::signature_algorithms_cert: return CH | CR;
    case T::key_share: return CH | SH | HRR;
    // TLS 1.2-only extensions: meaningful in a ClientHello that also offers 1.2.
    case T::ec_point_formats:
    case T::encrypt_then_mac:
    case T::extended_master_secret:
    case T::session_ticket:
    case T::renegotiation_info:
      return CH;
  }
  return 0;
}
}  // namespace

bool extension_recognized(ExtensionType t) { return allowed_mask(t) != 0; }

bool extension_allowed_tls13(ExtensionType t, ExtensionContext where) {
  return (allowed_mask(t) & bit(where)) != 0;
}

core::Status check_extensions_tls13(const Extensions& exts, ExtensionContext where) {
  const auto& list = exts.list();
  for (std::size_t i = 0; i < list.size(); ++i) {
    T t = list[i].type;
    if (!extension_recognized(t)) {
      // RFC 8446 4.2: unknown extensions in requests are ignored; a response can only
      // carry extensions we offered, and we offer only ones we know.
      if (where == C::client_hello || where == C::certificate_request ||
          where == C::new_session_ticket)
        continue;
      return make_error(Alert::unsupported_extension,
                        std::string(name_of(where)) + " carries extension " + name_of(t) +
                            ", which was never offered (RFC 8446 4.2)");
    }
    if (!extension_allowed_tls13(t, where))
      return make_error(Alert::illegal_parameter,
                        "extension " + name_of(t) + " is not allowed in " +
                            std::string(name_of(where)) + " (RFC 8446 4.2)");
    // RFC 8446 4.2.11: pre_shared_key MUST be the last extension in the ClientHello.
    if (where == C::client_hello && t == T::pre_shared_key && i + 1 != list.size())
      return make_error(Alert::illegal_parameter,
                        "pre_shared_key is not the last extension in ClientHello "
                        "(RFC 8446 4.2.11)");
  }
  return {};
}

core::Status check_solicited(const Extensions& response, const Extensions& offered,
                             ExtensionContext where) {
  for (const auto& e : response.list()) {
    if (offered.has(e.type)) continue;
    if (where == C::hello_retry_request && e.type == T::cookie) continue;
    return make_error(Alert::unsupported_extension,
                      std::string(name_of(where)) + " carries extension " + name_of(e.type) +
                          ", which the peer's request did not offer");
  }
  return {};
}

}  // namespace glass::handshake
