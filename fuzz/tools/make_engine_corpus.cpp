// Writes seed corpora for fuzz/client_engine and fuzz/server_engine: runs real
// handshakes between the fixed fuzz client and server (TLS 1.3 and 1.2, with a
// client certificate, plus application data and a KeyUpdate) and records what
// each side received, and seeds for fuzz/engine_transcript (one per message of
// each flight, unchanged, with post-handshake records). Usage:
// make_engine_corpus FUZZ_CORPUS_DIR
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "../engine_common.hpp"
#include "../engine_transcript.hpp"
#include "handshake/extensions_typed.hpp"
#include "handshake/tamper.hpp"

using namespace glass;

namespace {

void save(const std::filesystem::path& dir, const std::string& name, core::ByteView split_and_data) {
  std::filesystem::create_directories(dir);
  std::ofstream out(dir / name, std::ios::binary);
  out.write(reinterpret_cast<const char*>(split_and_data.data()),
            static_cast<std::streamsize>(split_and_data.size()));
}

// The unusual client of the "hostile" seeds: it offers early data and sends
// records the server cannot decrypt, plus two compatibility CCS, after its hello.
struct UnusualClient : handshake::Tamper {
  void shape(handshake::ClientHello& ch) override {
    ch.extensions.set(handshake::EarlyDataIndication{});
  }
  void after(handshake::HandshakeType t, record::RecordWriter& w) override {
    if (t != handshake::HandshakeType::client_hello) return;
    (void)w.write_change_cipher_spec();
    (void)w.write_change_cipher_spec();
    (void)w.write(record::ContentType::application_data, core::Bytes(64, 0xe0));
  }
};

void record_flights(const std::filesystem::path& root, bool tls12, bool hostile = false) {
  crypto::SeededRng crng(fuzz::kClientSeed), srng(fuzz::kServerSeed);
  UnusualClient unusual;
  auto ccfg = fuzz::client_config(crng, tls12);
  if (hostile) ccfg.tamper = &unusual;
  handshake::Connection client(ccfg);
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
  if (hostile)  // several requests while the server is silent: one reply
    for (int i = 0; i < 3; ++i) (void)client.key_update(true);
  client.close();
  server.close();
  core::append(to_server, client.take_output());
  core::append(to_client, server.take_output());
  std::string v = std::string(tls12 ? "tls12" : "tls13") + (hostile ? "_unusual" : "");
  // First byte: bit 7 = TLS 1.2-only client (see client_engine.cpp); low bits: split.
  for (std::uint8_t split : {0x00, 0x10}) {
    std::uint8_t first = static_cast<std::uint8_t>(split | (tls12 ? 0x80 : 0));
    core::Bytes a{first}, b{first};
    core::append(a, to_client);
    core::append(b, to_server);
    // The server's answers to the unusual hello do not fit the fuzz client's own hello.
    if (!hostile) save(root / "client_engine", v + "_server_flights_split" + std::to_string(split), a);
    save(root / "server_engine", v + "_client_flights_split" + std::to_string(split), b);
  }
}

// engine_transcript input: mode, u16 length (bit 15: fragmented records), data,
// then [content type] post-handshake.
void transcript_seed(const std::filesystem::path& dir, const std::string& name, std::uint8_t mode,
                     core::ByteView data, core::ByteView post, bool fragments = false) {
  core::Bytes in{mode, static_cast<std::uint8_t>((data.size() >> 8) | (fragments ? 0x80 : 0)),
                 static_cast<std::uint8_t>(data.size())};
  core::append(in, data);
  core::append(in, post);
  save(dir / "engine_transcript", name, in);
}

void transcript_seeds(const std::filesystem::path& root) {
  const auto& rec = fuzz::recorded_handshake();
  const core::Bytes key_update_req{22, 0x18, 0, 0, 1, 1};
  const core::Bytes app_data = core::concat({core::Bytes{23}, core::as_bytes("GET / HTTP/1.0\r\n\r\n")});
  const core::Bytes close_notify{21, 1, 0};
  const core::Bytes ticket{22, 0x04, 0, 0, 0x0f, 0, 0, 0x0e, 0x10, 1, 2, 3, 4, 1, 0x55, 0, 2, 0xab, 0xcd, 0, 0};
  const core::Bytes posts[] = {key_update_req, app_data, close_notify, ticket, key_update_req};
  const char* names[] = {"encrypted_extensions", "certificate_request", "certificate", "certificate_verify",
                         "finished"};
  // Client under test: each server message as a body (framed by the harness), one
  // record per message for some, post-handshake records after.
  for (std::size_t i = 0; i < rec.server_flight.size(); ++i) {
    const auto& m = rec.server_flight[i];
    const std::uint8_t mode = static_cast<std::uint8_t>(0x08 | i | ((i & 1) << 6));
    transcript_seed(root, std::string("client_") + names[i], mode, core::ByteView(m).subspan(4), posts[i],
                    i == 2);
  }
  const char* cnames[] = {"certificate", "certificate_verify", "finished"};
  for (std::size_t i = 0; i < rec.client_flight.size(); ++i) {
    const auto& m = rec.client_flight[i];
    const std::uint8_t mode = static_cast<std::uint8_t>(0x80 | 0x08 | i | ((i & 1) << 6));
    transcript_seed(root, std::string("server_") + cnames[i], mode, core::ByteView(m).subspan(4), posts[i],
                    i == 2);
  }
  // Inserts before Finished: a KeyUpdate (body mode: type byte first), raw bytes.
  transcript_seed(root, "client_insert_key_update", 0x0d, core::Bytes{0x18, 0x00}, {});
  transcript_seed(root, "server_insert_raw_certificate_request", 0x85, core::ByteView(rec.server_flight[1]), {});
  // Unauthenticated changes: the recorded CertificateVerify / Finished are kept.
  transcript_seed(root, "client_certificate_keep_cv", 0x1a, core::ByteView(rec.server_flight[2]).subspan(4), {});
  transcript_seed(root, "server_certificate_keep_fin", 0xa8, core::ByteView(rec.client_flight[0]).subspan(4), {});
  // Unchanged flights, raw record mode 1, post-handshake app data.
  transcript_seed(root, "client_unchanged", 0x46, {}, app_data);
  transcript_seed(root, "server_unchanged", 0xc6, {}, app_data);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s FUZZ_CORPUS_DIR\n", argv[0]);
    return 2;
  }
  record_flights(argv[1], false);
  record_flights(argv[1], true);
  record_flights(argv[1], false, true);
  transcript_seeds(argv[1]);
  return 0;
}
