// Fuzzes every handshake message parser and typed extension parser.
// Input: one options byte, then framed handshake messages (type, u24 length, body).
//   options bit 0: parse as TLS 1.2 (else TLS 1.3)
//   options bits 1-2: Finished length 32 / 48 / 12 / 0
// Whatever parses must re-serialise to exactly the bytes it came from; a mismatch aborts.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <variant>

#include "handshake/extensions_typed.hpp"
#include "handshake/messages.hpp"

using namespace glass::handshake;

namespace {

[[noreturn]] void mismatch(const char* what) {
  std::fprintf(stderr, "round-trip mismatch: %s\n", what);
  std::abort();
}

// A typed extension that parses must serialise back to its raw body.
template <class E>
void typed_roundtrip(const Extension& e) {
  if (e.type != E::type) return;
  auto v = Extensions::parse_body<E>(e);
  if (!v) return;
  glass::core::Writer w;
  v->serialize(w);
  if (w.buffer() != e.data) mismatch(name_of(E::type).c_str());
}

void check_extensions(const Extensions& exts) {
  for (const auto& e : exts.list()) {
    typed_roundtrip<ServerNameList>(e);
    typed_roundtrip<SupportedGroups>(e);
    typed_roundtrip<SignatureAlgorithms>(e);
    typed_roundtrip<SignatureAlgorithmsCert>(e);
    typed_roundtrip<SupportedVersionsClientHello>(e);
    typed_roundtrip<SupportedVersionsServerHello>(e);
    typed_roundtrip<KeyShareClientHello>(e);
    typed_roundtrip<KeyShareServerHello>(e);
    typed_roundtrip<KeyShareHelloRetryRequest>(e);
    typed_roundtrip<Cookie>(e);
    typed_roundtrip<CertificateAuthorities>(e);
    typed_roundtrip<Alpn>(e);
    typed_roundtrip<RecordSizeLimit>(e);
    typed_roundtrip<PskKeyExchangeModes>(e);
    typed_roundtrip<Padding>(e);
    typed_roundtrip<RenegotiationInfo>(e);
    typed_roundtrip<EcPointFormats>(e);
    typed_roundtrip<OfferedPsks>(e);
    typed_roundtrip<SelectedPsk>(e);
    typed_roundtrip<EarlyDataTicket>(e);
  }
  for (auto c : {ExtensionContext::client_hello, ExtensionContext::server_hello,
                 ExtensionContext::hello_retry_request, ExtensionContext::encrypted_extensions,
                 ExtensionContext::certificate, ExtensionContext::certificate_request,
                 ExtensionContext::new_session_ticket}) {
    (void)check_extensions_tls13(exts, c);
    (void)name_of(c);
  }
}

void check_message_extensions(const AnyMessage& m) {
  std::visit(
      [](const auto& msg) {
        if constexpr (requires { msg.extensions; }) check_extensions(msg.extensions);
        if constexpr (requires { msg.certificate_list[0].extensions; })
          for (const auto& e : msg.certificate_list) check_extensions(e.extensions);
      },
      m);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  ParseOptions opt;
  opt.version = (data[0] & 1) ? ProtocolVersion::tls12 : ProtocolVersion::tls13;
  static constexpr std::size_t fin_len[4] = {32, 48, 12, 0};
  opt.finished_length = fin_len[(data[0] >> 1) & 3];
  glass::core::Reader r(glass::core::ByteView(data + 1, size - 1));
  while (!r.empty()) {
    auto view = read_message(r);
    if (!view) break;
    (void)message_name(view->type);
    auto msg = parse_any(*view, opt);
    if (!msg) continue;
    auto out = encode_any(*msg);
    if (!out) mismatch("encode failed");
    if (!glass::core::equal(*out, view->bytes)) mismatch(message_name(*msg).c_str());
    check_message_extensions(*msg);
  }
  return 0;
}
