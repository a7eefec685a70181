// Writes seed corpora for fuzz/client_engine and fuzz/server_engine: runs real
// handshakes between the fixed fuzz client and server (TLS 1.3 and 1.2, with a
// client certificate, plus application data and a KeyUpdate) and records what
// each side received. Usage: make_engine_corpus FUZZ_CORPUS_DIR
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "../engine_common.hpp"

using namespace glass;

namespace {

void save(const std::filesystem::path& dir, const std::string& name, core::ByteView split_and_data) {
  std::filesystem::create_directories(dir);
  std::ofstream out(dir / name, std::ios::binary);
  out.write(reinterpret_cast<const char*>(split_and_data.data()),
            static_cast<std::streamsize>(split_and_data.size()));
}

void record(const std::filesystem::path& root, bool tls12) {
  crypto::SeededRng crng(fuzz::kClientSeed), srng(fuzz::kServerSeed);
  handshake::Connection client(fuzz::client_config(crng, tls12));
  handshake::Connection server(fuzz::server_config(srng));
  core::Bytes to_client, to_server;
  (void)client.start();
  for (int round = 0; round < 10; ++round) {
    auto c = client.take_output();
    core::append(to_server, c);
    if (!c.empty()) (void)server.feed(c);
    auto s = server.take_output();
    core::append(to_client, s);
    if (!s.empty()) (void)client.feed(s);
    if (c.empty() && s.empty()) break;
  }
  if (!client.is_handshake_done() || !server.is_handshake_done()) {
    std::fprintf(stderr, "handshake failed while recording\n");
    std::exit(1);
  }
  (void)client.write(core::as_bytes("GET / HTTP/1.0\r\n\r\n"));
  (void)server.write(core::as_bytes("HTTP/1.0 200 OK\r\n\r\nhello"));
  if (!tls12) {
    (void)server.key_update(true);
    (void)client.key_update(false);
  }
  client.close();
  server.close();
  core::append(to_server, client.take_output());
  core::append(to_client, server.take_output());
  std::string v = tls12 ? "tls12" : "tls13";
  // First byte: bit 7 = TLS 1.2-only client (see client_engine.cpp); low bits: split.
  for (std::uint8_t split : {0x00, 0x10}) {
    std::uint8_t first = static_cast<std::uint8_t>(split | (tls12 ? 0x80 : 0));
    core::Bytes a{first}, b{first};
    core::append(a, to_client);
    core::append(b, to_server);
    save(root / "client_engine", v + "_server_flights_split" + std::to_string(split), a);
    save(root / "server_engine", v + "_client_flights_split" + std::to_string(split), b);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s FUZZ_CORPUS_DIR\n", argv[0]);
    return 2;
  }
  record(argv[1], false);
  record(argv[1], true);
  return 0;
}
