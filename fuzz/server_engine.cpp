// Fuzzes the server engine: everything the "client" says comes from the input;
// the server's randomness and clock are fixed. Seeds are real client flights
// (ClientHello, then Certificate, CertificateVerify, Finished) recorded against
// this exact server, TLS 1.3 and TLS 1.2, so mutations get past the hello.
#include <cstdint>

#include "engine_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace glass;
  crypto::SeededRng rng(fuzz::kServerSeed);
  handshake::Connection server(fuzz::server_config(rng));
  // First byte: where to split the input in two feeds (bit 7 is ignored).
  std::size_t split = size ? (data[0] & 0x7f) * 4 : 0;
  core::ByteView in(data, size);
  if (!in.empty()) in = in.subspan(1);
  std::size_t cut = in.empty() ? 0 : split % (in.size() + 1);
  if (server.feed(in.first(cut)) && server.feed(in.subspan(cut)) && server.is_handshake_done()) {
    (void)server.write(core::as_bytes("fuzz"));
    (void)server.request_client_certificate();
    (void)server.key_update(false);
    server.close();
  }
  (void)server.take_output();
  (void)server.read();
  return 0;
}
