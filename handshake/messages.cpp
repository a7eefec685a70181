#include "handshake/messages.hpp"

namespace glass::handshake {

core::Result<AnyMessage> parse_any(const MessageView& msg, const ParseOptions& opt) {
  bool tls13 = opt.version == ProtocolVersion::tls13;
  auto as = [&](auto tag) -> core::Result<AnyMessage> {
    using M = typename decltype(tag)::type;
    GLASS_TRY(auto m, decode<M>(msg));
    return AnyMessage(std::move(m));
  };
  using HT = HandshakeType;
  switch (msg.type) {
    case HT::client_hello: return as(std::type_identity<ClientHello>{});
    case HT::server_hello: return as(std::type_identity<ServerHello>{});
    case HT::finished: {
      GLASS_TRY(auto f, decode<Finished>(msg, opt.finished_length));
      return AnyMessage(std::move(f));
    }
    case HT::certificate_verify: return as(std::type_identity<CertificateVerify>{});
    case HT::certificate:
      return tls13 ? as(std::type_identity<Certificate>{}) : as(std::type_identity<Certificate12>{});
    case HT::certificate_request:
      return tls13 ? as(std::type_identity<CertificateRequest>{})
                   : as(std::type_identity<CertificateRequest12>{});
    case HT::new_session_ticket:
      return tls13 ? as(std::type_identity<NewSessionTicket>{})
                   : as(std::type_identity<NewSessionTicket12>{});
    default:
      break;
  }
  if (tls13) {
    switch (msg.type) {
      case HT::encrypted_extensions: return as(std::type_identity<EncryptedExtensions>{});
      case HT::end_of_early_data: return as(std::type_identity<EndOfEarlyData>{});
      case HT::key_update: return as(std::type_identity<KeyUpdate>{});
      default: break;
    }
  } else {
    switch (msg.type) {
      case HT::server_key_exchange: return as(std::type_identity<ServerKeyExchangeEcdhe>{});
      case HT::server_hello_done: return as(std::type_identity<ServerHelloDone>{});
      case HT::client_key_exchange: return as(std::type_identity<ClientKeyExchangeEcdhe>{});
      default: break;
    }
  }
  return core::make_error(core::Alert::unexpected_message,
                          "handshake message " + name_of(msg.type) + " does not exist in " +
                              name_of(opt.version));
}

core::Result<core::Bytes> encode_any(const AnyMessage& m) {
  return std::visit([](const auto& msg) { return encode(msg); }, m);
}

HandshakeType type_of(const AnyMessage& m) {
  return std::visit([](const auto& msg) { return std::decay_t<decltype(msg)>::msg_type; }, m);
}

std::string message_name(const AnyMessage& m) {
  if (auto* sh = std::get_if<ServerHello>(&m); sh && sh->is_hello_retry_request())
    return "HelloRetryRequest";
  return message_name(type_of(m));
}

}  // namespace glass::handshake
