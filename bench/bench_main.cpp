// glass_bench: glasstls and OpenSSL measured in one run, interleaved round by
// round, with the same certificates and settings; prints markdown tables with
// ratios. See bench/README.md.
//
//   glass_bench [--quick] [--rounds N] [--only handshake|resume|throughput|x509|p12|heap]
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/pkcs12.h>
#include <openssl/provider.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <malloc.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

#include "bench/bench.hpp"
#include "bench/floor.hpp"
#include "bench/glass_side.hpp"
#include "bench/heap_counter.hpp"
#include "bench/openssl_side.hpp"
#include "bench/resume_bench.hpp"
#include "crypto/aead.hpp"
#include "crypto/cpu.hpp"
#include "crypto/hash.hpp"
#include "crypto/key_exchange.hpp"
#include "crypto/mlkem768.hpp"
#include "x509/certificate.hpp"
#include "x509/pem.hpp"
#include "x509/pkcs12_reader.hpp"

#ifndef GLASS_BENCH_FLAGS
#define GLASS_BENCH_FLAGS "?"
#endif

namespace glass::bench {

// ML-KEM-768 and the hybrid key share on their own (glasstls only).
std::vector<std::unique_ptr<Op>> make_mlkem_ops() {
  std::vector<std::unique_ptr<Op>> ops;
  static crypto::SeededRng rng(0x6d6c6b656dULL);
  static const auto kp = crypto::mlkem768::keygen(rng);
  static const auto enc = crypto::mlkem768::encaps(kp.encaps_key, rng).value();
  static const auto client = crypto::KeyShare::generate(crypto::NamedGroup::X25519MLKEM768, rng).value();
  static const auto reply =
      crypto::KeyShare::respond(crypto::NamedGroup::X25519MLKEM768, client.public_key(), rng).value();
  auto add = [&](const char* name, std::function<void()> fn) {
    auto op = std::make_unique<Op>();
    op->name = name;
    op->fn = std::move(fn);
    ops.push_back(std::move(op));
  };
  add("ML-KEM-768 key generation", [] { (void)crypto::mlkem768::keygen(rng); });
  add("ML-KEM-768 encapsulation", [] { (void)crypto::mlkem768::encaps(kp.encaps_key, rng); });
  add("ML-KEM-768 decapsulation", [] { (void)crypto::mlkem768::decaps(kp.decaps_key, enc.ciphertext); });
  add("X25519MLKEM768 client share (keygen)", [] {
    (void)crypto::KeyShare::generate(crypto::NamedGroup::X25519MLKEM768, rng);
  });
  add("X25519MLKEM768 server answer (encapsulate + X25519)", [] {
    (void)crypto::KeyShare::respond(crypto::NamedGroup::X25519MLKEM768, client.public_key(), rng);
  });
  add("X25519MLKEM768 client finish (decapsulate + X25519)", [] { (void)client.shared_secret(reply.share); });
  return ops;
}
namespace {

struct Args {
  bool quick = false;
  int rounds = 0;
  std::string only;
  int profile = -1;  // --profile N: only glasstls handshakes of case N, for perf
  bool heap_child = false;
};

std::string fmt(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}
std::string us(double ns) { return fmt(ns >= 1e5 ? "%.0f" : ns >= 1e3 ? "%.1f" : "%.2f", ns / 1e3); }
std::string ratio(double a, double b) { return b > 0 ? fmt("%.2f", a / b) : "-"; }

std::string read_first_line(const char* path, const char* prefix) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line))
    if (!prefix || line.rfind(prefix, 0) == 0) return line;
  return "?";
}

std::string loadavg() { return read_first_line("/proc/loadavg", nullptr); }

void print_environment() {
  std::time_t t = std::time(nullptr);
  char date[64];
  std::strftime(date, sizeof date, "%Y-%m-%d %H:%M UTC", std::gmtime(&t));
  std::string cpu = read_first_line("/proc/cpuinfo", "model name");
  if (auto p = cpu.find(':'); p != std::string::npos) cpu = cpu.substr(p + 2);
  std::printf("- date: %s\n- machine: %s, %ld online cores\n- OpenSSL: %s\n- compiler: %s, flags `%s`\n"
              "- load average at start: %s\n\n",
              date, cpu.c_str(), sysconf(_SC_NPROCESSORS_ONLN), OpenSSL_version(OPENSSL_VERSION),
              __VERSION__, GLASS_BENCH_FLAGS, loadavg().c_str());
  const auto& f = crypto::cpu_features_detected();
  std::printf("- CPU paths: SHA-NI %s, AES-NI+PCLMULQDQ %s, VAES+VPCLMULQDQ %s; fallback forced: %s; "
              "SHA-256 on %s, SHA-1 on %s, AES-128-GCM on %s, AES-256-GCM on %s, ChaCha20-Poly1305 on %s\n\n",
              f.sha_ni ? "yes" : "no", f.aes_gcm ? "yes" : "no", f.vaes ? "yes" : "no",
              crypto::crypto_fallback_forced() ? "yes" : "no", std::string(crypto::sha256_backend()).c_str(),
              std::string(crypto::sha1_backend()).c_str(),
              std::string(crypto::aead_backend(crypto::AeadAlg::aes128_gcm)).c_str(),
              std::string(crypto::aead_backend(crypto::AeadAlg::aes256_gcm)).c_str(),
              std::string(crypto::aead_backend(crypto::AeadAlg::chacha20_poly1305)).c_str());
}

// ---- handshakes and their primitive floors -------------------------------------

void bench_handshakes(const Timing& timing) {
  auto cases = handshake_cases();
  std::fprintf(stderr, "making test PKIs (RSA keys take a few seconds)...\n");
  std::vector<crypto::KeyType> types = {crypto::KeyType::ed25519, crypto::KeyType::ecdsa_p256,
                                        crypto::KeyType::rsa};
  for (auto t : types) material(t);

  std::vector<GlassEnv> genv;
  std::vector<std::unique_ptr<OsslEnv>> oenv;
  std::printf("### Setup check (what each library negotiated, first handshake)\n\n");
  for (auto& c : cases) {
    genv.push_back(glass_env(c, material(c.key_type)));
    oenv.push_back(ossl_env(c, material(c.key_type)));
    auto gp = glass_connect(genv.back());
    auto op = ossl_connect(*oenv.back());
    auto want = c.scheme;
    if (gp.client->info().peer_signature_scheme != want)
      fail(c.name + ": glasstls negotiated an unexpected signature scheme");
    std::printf("- %s\n  - glasstls: %s\n  - OpenSSL:  %s\n", c.name.c_str(),
                glass_describe(gp).c_str(), ossl_describe(op).c_str());
  }
  std::printf("\n");

  std::vector<std::unique_ptr<Op>> hs;
  std::vector<Op*> order;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    auto g = std::make_unique<Op>();
    g->name = "glass " + cases[i].name;
    const GlassEnv* ge = &genv[i];
    g->fn = [ge] { glass_connect(*ge); };
    auto o = std::make_unique<Op>();
    o->name = "OpenSSL " + cases[i].name;
    const OsslEnv* oe = oenv[i].get();
    o->fn = [oe] { ossl_connect(*oe); };
    order.push_back(g.get());
    order.push_back(o.get());
    hs.push_back(std::move(g));
    hs.push_back(std::move(o));
  }
  auto floors = make_floor_ops(types);
  for (Op* op : floors->all()) order.push_back(op);
  auto kem = make_mlkem_ops();
  for (auto& op : kem) order.push_back(op.get());
  std::fprintf(stderr, "handshakes + primitives: %d rounds of %zu ops...\n", timing.rounds,
               order.size());
  run_interleaved(order, timing);

  std::printf("### Full handshakes (client + server in one process, memory transport)\n\n");
  std::printf("| case | glasstls µs | OpenSSL µs | glasstls ÷ OpenSSL | glasstls floor µs | "
              "glasstls ÷ its floor | OpenSSL floor µs | OpenSSL ÷ its floor |\n");
  std::printf("|---|---:|---:|---:|---:|---:|---:|---:|\n");
  for (std::size_t i = 0; i < cases.size(); ++i) {
    double g = hs[2 * i]->median_ns(), o = hs[2 * i + 1]->median_ns();
    double gf = floor_ns(floors->glass, cases[i]), of = floor_ns(floors->openssl, cases[i]);
    std::printf("| %s | %s | %s | %s | %s | %s | %s | %s |\n", cases[i].name.c_str(),
                us(g).c_str(), us(o).c_str(), ratio(g, o).c_str(), us(gf).c_str(),
                ratio(g, gf).c_str(), us(of).c_str(), ratio(o, of).c_str());
  }
  std::printf("\nFloor = 2 X25519 key generations + 2 X25519 shared secrets + per signer one "
              "signature, one signature check and one certificate-signature check "
              "(mutual: 2 signers, server auth: 1).\n\n");
  std::printf("### Asymmetric primitives (median µs per call)\n\n");
  std::printf("| primitive | glasstls (crypto/) | OpenSSL (EVP) | glasstls ÷ OpenSSL |\n");
  std::printf("|---|---:|---:|---:|\n");
  auto row = [](const std::string& n, const Op& g, const Op& o) {
    std::printf("| %s | %s | %s | %s |\n", n.c_str(), us(g.median_ns()).c_str(),
                us(o.median_ns()).c_str(), ratio(g.median_ns(), o.median_ns()).c_str());
  };
  row("X25519 key generation", floors->glass.keygen, floors->openssl.keygen);
  for (auto& op : kem)
    std::printf("| %s | %s | — (OpenSSL 3.0 has no ML-KEM) | |\n", op->name.c_str(),
                us(op->median_ns()).c_str());
  row("X25519 shared secret", floors->glass.derive, floors->openssl.derive);
  for (auto t : types) {
    std::string tn(crypto::key_type_name(t));
    std::string alg = t == crypto::KeyType::rsa ? " (PSS SHA-256)" : "";
    row(tn + " sign 130-byte CertificateVerify content" + alg, *floors->glass.sign[t],
        *floors->openssl.sign[t]);
    row(tn + " verify" + alg, *floors->glass.verify[t], *floors->openssl.verify[t]);
    row(tn + " certificate signature check (leaf by CA)", *floors->glass.cert_verify[t],
        *floors->openssl.cert_verify[t]);
  }
  std::printf("\n");
}

// ---- TLS 1.3 record throughput -------------------------------------------------

// The raw AEAD under the record layer: seal + open of 16 KiB pieces with the
// same 5-byte AAD and a 1-byte content type, nothing else.
struct RawAead {
  crypto::Aead aead;
  core::Bytes buf;
};

std::unique_ptr<RawAead> raw_aead(crypto::AeadAlg alg, crypto::AeadBackend backend, std::size_t chunk) {
  core::Bytes key(crypto::aead_key_size(alg), 0x42);
  auto a = crypto::Aead::create(alg, key, backend);
  if (!a) return nullptr;  // this library cannot do this AEAD here
  auto r = std::make_unique<RawAead>(RawAead{std::move(*a), core::Bytes(chunk + 1 + crypto::aead_tag_size, 0x17)});
  return r;
}

void raw_transfer(RawAead& r, std::size_t total, std::size_t chunk) {
  std::uint8_t nonce[crypto::aead_nonce_size] = {};
  std::uint8_t aad[5] = {0x17, 0x03, 0x03, 0, 0};
  for (std::size_t done = 0; done < total; done += chunk) {
    nonce[11]++;
    r.aead.seal_into(core::ByteView(nonce, sizeof nonce), core::ByteView(aad, sizeof aad), core::ByteView(r.buf.data(), chunk + 1),
                     r.buf.data());
    if (!r.aead.open_into(core::ByteView(nonce, sizeof nonce), core::ByteView(aad, sizeof aad), r.buf, r.buf.data()))
      fail("raw AEAD open");
  }
}

void bench_throughput(const Timing& timing) {
  struct Suite {
    handshake::CipherSuite ours;
    const char* theirs;
    crypto::AeadAlg aead;
  };
  std::vector<Suite> suites = {
      {handshake::CipherSuite::TLS_AES_128_GCM_SHA256, "TLS_AES_128_GCM_SHA256", crypto::AeadAlg::aes128_gcm},
      {handshake::CipherSuite::TLS_AES_256_GCM_SHA384, "TLS_AES_256_GCM_SHA384", crypto::AeadAlg::aes256_gcm},
      {handshake::CipherSuite::TLS_CHACHA20_POLY1305_SHA256, "TLS_CHACHA20_POLY1305_SHA256",
       crypto::AeadAlg::chacha20_poly1305}};
  constexpr std::size_t kChunk = 16384, kPerOp = 1 << 20;
  Case base = handshake_cases()[0];
  std::vector<std::unique_ptr<Op>> ops;
  std::vector<std::unique_ptr<GlassPair>> gp;
  std::vector<std::unique_ptr<OsslEnv>> oenv;
  std::vector<std::unique_ptr<OsslPair>> op;
  std::vector<Op*> order;
  std::vector<std::unique_ptr<RawAead>> raws;
  for (auto& s : suites) {
    Case c = base;
    c.suite = s.ours;
    c.openssl_suite = s.theirs;
    auto env = glass_env(c, material(c.key_type));
    gp.push_back(std::make_unique<GlassPair>(glass_connect(env)));
    oenv.push_back(ossl_env(c, material(c.key_type)));
    op.push_back(std::make_unique<OsslPair>(ossl_connect(*oenv.back())));
    GlassPair* g = gp.back().get();
    OsslPair* o = op.back().get();
    auto go = std::make_unique<Op>();
    go->name = std::string("glass ") + s.theirs;
    go->fn = [g] { glass_transfer(*g, kPerOp, kChunk); };
    auto oo = std::make_unique<Op>();
    oo->name = std::string("OpenSSL ") + s.theirs;
    oo->fn = [o] { ossl_transfer(*o, kPerOp, kChunk); };
    order.push_back(go.get());
    order.push_back(oo.get());
    ops.push_back(std::move(go));
    ops.push_back(std::move(oo));
    // The raw AEAD through each implementation that can do it here.
    for (auto backend : {crypto::AeadBackend::glasstls, crypto::AeadBackend::libsodium,
                         crypto::AeadBackend::mbedtls}) {
      auto r = raw_aead(s.aead, backend, kChunk);
      auto ro = std::make_unique<Op>();
      if (r) {
        ro->name = std::string("raw ") + std::string(r->aead.backend()) + " " + s.theirs;
        RawAead* rp = r.get();
        ro->fn = [rp] { raw_transfer(*rp, kPerOp, kChunk); };
        raws.push_back(std::move(r));
        order.push_back(ro.get());
      }
      ops.push_back(std::move(ro));  // an empty Op (no fn) marks "not available"
    }
  }
  std::fprintf(stderr, "throughput: %d rounds...\n", timing.rounds);
  run_interleaved(order, timing);
  auto mbps = [&](const Op& op) { return kPerOp / (op.median_ns() / 1e9) / 1e6; };
  std::printf("### TLS 1.3 application data, 16 KiB writes (seal + open, one direction)\n\n");
  std::printf("| suite | glasstls MB/s | OpenSSL MB/s | glasstls ÷ OpenSSL | raw AEAD, glasstls AES-NI MB/s | "
              "raw AEAD, libsodium MB/s | raw AEAD, mbedTLS MB/s | record layer uses | glasstls ÷ its raw AEAD |\n"
              "|---|---:|---:|---:|---:|---:|---:|---|---:|\n");
  for (std::size_t i = 0; i < suites.size(); ++i) {
    const Op& g = *ops[5 * i];
    const Op& o = *ops[5 * i + 1];
    const Op* raw[3] = {ops[5 * i + 2].get(), ops[5 * i + 3].get(), ops[5 * i + 4].get()};
    auto cell = [&](const Op* op) { return op->fn ? fmt("%.0f", mbps(*op)) : std::string("—"); };
    std::string used(crypto::aead_backend(suites[i].aead));
    const Op* used_raw = used == "libsodium" ? raw[1] : used == "mbedTLS" ? raw[2] : raw[0];
    std::printf("| %s | %.0f | %.0f | %.2f | %s | %s | %s | %s | %s |\n", suites[i].theirs, mbps(g), mbps(o),
                mbps(g) / mbps(o), cell(raw[0]).c_str(), cell(raw[1]).c_str(), cell(raw[2]).c_str(), used.c_str(),
                used_raw->fn ? ratio(mbps(g), mbps(*used_raw)).c_str() : "—");
  }
  std::printf("\n");
}

// ---- X.509 parse ------------------------------------------------------------------

void bench_x509(const Timing& timing) {
  std::vector<crypto::KeyType> types = {crypto::KeyType::ecdsa_p256, crypto::KeyType::rsa};
  std::vector<std::unique_ptr<Op>> ops;
  std::vector<Op*> order;
  for (auto t : types) {
    const core::Bytes* der = &material(t).pki.server.der;
    auto g = std::make_unique<Op>();
    g->name = "glass parse";
    g->fn = [der] {
      auto c = x509::Certificate::parse(*der);
      if (!c) fail("Certificate::parse");
    };
    auto o = std::make_unique<Op>();
    o->name = "d2i_X509";
    o->fn = [der] {
      const unsigned char* p = der->data();
      X509* x = d2i_X509(nullptr, &p, static_cast<long>(der->size()));
      if (!x) fail("d2i_X509");
      X509_free(x);
    };
    order.push_back(g.get());
    order.push_back(o.get());
    ops.push_back(std::move(g));
    ops.push_back(std::move(o));
  }
  std::fprintf(stderr, "x509 parse: %d rounds...\n", timing.rounds);
  run_interleaved(order, timing);
  std::printf("### X.509 parse of a server leaf (SAN, EKU, SKI/AKI; made by x509/pki)\n\n");
  std::printf("| leaf | bytes | glasstls Certificate::parse µs | OpenSSL d2i_X509 + X509_free µs | "
              "OpenSSL ÷ glasstls |\n|---|---:|---:|---:|---:|\n");
  for (std::size_t i = 0; i < types.size(); ++i) {
    double g = ops[2 * i]->median_ns(), o = ops[2 * i + 1]->median_ns();
    std::printf("| %s | %zu | %s | %s | %.0fx |\n", std::string(crypto::key_type_name(types[i])).c_str(),
                material(types[i]).pki.server.der.size(), us(g).c_str(), us(o).c_str(), o / g);
  }
  std::printf("\n");
}

// ---- .p12 load ---------------------------------------------------------------------

core::Bytes read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return core::Bytes(std::istreambuf_iterator<char>(in), {});
}

void bench_p12(const Timing& timing) {
  char tmpl[] = "/tmp/glass_bench.XXXXXX";
  if (!mkdtemp(tmpl)) fail("mkdtemp failed");
  std::filesystem::path dir(tmpl);
  const char* pass = "bench-pass";
  struct File {
    std::string label;
    core::Bytes bytes;
  };
  std::vector<File> files;
  for (auto t : {crypto::KeyType::ecdsa_p256, crypto::KeyType::rsa}) {
    const Material& m = material(t);
    std::ofstream(dir / "leaf.pem") << x509::pem::encode("CERTIFICATE", m.pki.server.der);
    std::ofstream(dir / "ca.pem") << x509::pem::encode("CERTIFICATE", m.pki.ca.der);
    std::ofstream(dir / "key.pem") << x509::pem::encode("PRIVATE KEY", m.server_key_pkcs8);
    for (bool legacy : {false, true}) {
      auto out = dir / (legacy ? "legacy.p12" : "default.p12");
      std::string cmd = "openssl pkcs12 -export " + std::string(legacy ? "-legacy " : "") +
                        "-in " + (dir / "leaf.pem").string() + " -inkey " + (dir / "key.pem").string() +
                        " -certfile " + (dir / "ca.pem").string() + " -passout pass:" + pass +
                        " -out " + out.string() + " 2>/dev/null";
      if (std::system(cmd.c_str()) != 0) fail("openssl pkcs12 -export failed: " + cmd);
      std::string label = std::string(crypto::key_type_name(t)) +
                          (legacy ? ", `-legacy` (RC2-40 certs, 3DES key, SHA-1 MAC)"
                                  : ", OpenSSL 3 default (AES-256-CBC, PBKDF2, SHA-256 MAC)");
      files.push_back({label, read_file(out)});
    }
  }
  std::filesystem::remove_all(dir);

  std::vector<std::unique_ptr<Op>> ops;
  std::vector<Op*> order;
  for (auto& f : files) {
    const core::Bytes* b = &f.bytes;
    auto g = std::make_unique<Op>();
    g->name = "glass pkcs12::load";
    g->fn = [b, pass] {
      auto id = x509::pkcs12::load(*b, x509::pbe::Password::utf8(std::string_view(pass)));
      if (!id) fail("pkcs12::load: " + id.error().to_string());
    };
    auto o = std::make_unique<Op>();
    o->name = "PKCS12_parse";
    o->fn = [b, pass] {
      const unsigned char* p = b->data();
      PKCS12* p12 = d2i_PKCS12(nullptr, &p, static_cast<long>(b->size()));
      EVP_PKEY* key = nullptr;
      X509* cert = nullptr;
      STACK_OF(X509)* ca = nullptr;
      if (!p12 || PKCS12_parse(p12, pass, &key, &cert, &ca) != 1) fail("PKCS12_parse: " + ossl_errors());
      EVP_PKEY_free(key);
      X509_free(cert);
      sk_X509_pop_free(ca, X509_free);
      PKCS12_free(p12);
    };
    order.push_back(g.get());
    order.push_back(o.get());
    ops.push_back(std::move(g));
    ops.push_back(std::move(o));
  }
  std::fprintf(stderr, "p12 load: %d rounds...\n", timing.rounds);
  run_interleaved(order, timing);
  std::printf("### .p12 load (files made by `openssl pkcs12 -export`, leaf + CA + key)\n\n");
  std::printf("| file | glasstls pkcs12::load µs | OpenSSL d2i_PKCS12 + PKCS12_parse µs | "
              "glasstls ÷ OpenSSL |\n|---|---:|---:|---:|\n");
  for (std::size_t i = 0; i < files.size(); ++i) {
    double g = ops[2 * i]->median_ns(), o = ops[2 * i + 1]->median_ns();
    std::printf("| %s | %s | %s | %s |\n", files[i].label.c_str(), us(g).c_str(), us(o).c_str(),
                ratio(g, o).c_str());
  }
  std::printf("\n");
}

// ---- heap per established connection ---------------------------------------------

struct Sides {
  std::vector<double> client, server, client_arena, server_arena;
};

// glibc's per-thread cache (tcache) keeps freed blocks counted as in use by
// mallinfo2, so the heap table runs in a child with the cache off.
bool run_heap_child(const char* self, bool quick) {
  std::fflush(stdout);
  std::string cmd = std::string("GLIBC_TUNABLES=glibc.malloc.tcache_count=0 ") + self +
                    " --only heap --heap-child" + (quick ? " --quick" : "");
  return std::system(cmd.c_str()) == 0;
}

void bench_heap(int samples) {
  mallopt(M_MXFAST, 0);  // no fastbins either: freed blocks leave uordblks at once
  std::printf("### Heap held by an idle established connection (bytes, median of %d)\n\n", samples);
  std::printf("Counted by freeing one side after the handshake: glasstls via the replaced "
              "operator new, OpenSSL via CRYPTO_set_mem_functions; *malloc* is glibc "
              "mallinfo2 (everything, incl. mbedTLS/libsodium callocs).\n\n");
  std::printf("| case | glasstls client | OpenSSL client | OpenSSL client (RELEASE_BUFFERS) | "
              "glasstls server | OpenSSL server | OpenSSL server (RELEASE_BUFFERS) |\n");
  std::printf("|---|---:|---:|---:|---:|---:|---:|\n");
  for (auto& c : handshake_cases()) {
    const Material& m = material(c.key_type);
    Sides g, o, orb;
    auto genv = glass_env(c, m);
    glass_connect(genv);  // warm-up
    for (int i = 0; i < samples; ++i) {
      auto p = glass_connect(genv);
      auto l0 = heap::cpp_live(), a0 = heap::arena_live();
      p.client.reset();
      auto l1 = heap::cpp_live(), a1 = heap::arena_live();
      p.server.reset();
      auto l2 = heap::cpp_live(), a2 = heap::arena_live();
      g.client.push_back(double(l0 - l1));
      g.server.push_back(double(l1 - l2));
      g.client_arena.push_back(double(a0 - a1));
      g.server_arena.push_back(double(a1 - a2));
    }
    for (bool rb : {false, true}) {
      Sides& s = rb ? orb : o;
      auto env = ossl_env(c, m, rb);
      ossl_connect(*env);  // warm-up
      for (int i = 0; i < samples; ++i) {
        auto p = ossl_connect(*env);
        auto l0 = heap::ossl_live(), a0 = heap::arena_live();
        p.free_client();
        auto l1 = heap::ossl_live(), a1 = heap::arena_live();
        p.free_server();
        auto l2 = heap::ossl_live(), a2 = heap::arena_live();
        s.client.push_back(double(l0 - l1));
        s.server.push_back(double(l1 - l2));
        s.client_arena.push_back(double(a0 - a1));
        s.server_arena.push_back(double(a1 - a2));
      }
    }
    auto cell = [](const std::vector<double>& v, const std::vector<double>& arena) {
      return fmt("%.0f", median(v)) + " (malloc " + fmt("%.0f", median(arena)) + ")";
    };
    std::printf("| %s | %s | %s | %s | %s | %s | %s |\n", c.name.c_str(),
                cell(g.client, g.client_arena).c_str(), cell(o.client, o.client_arena).c_str(),
                cell(orb.client, orb.client_arena).c_str(), cell(g.server, g.server_arena).c_str(),
                cell(o.server, o.server_arena).c_str(), cell(orb.server, orb.server_arena).c_str());
  }
  std::printf("\n");
}

}  // namespace
}  // namespace glass::bench

int main(int argc, char** argv) {
  using namespace glass::bench;
  Args a;
  for (int i = 1; i < argc; ++i) {
    std::string s = argv[i];
    if (s == "--quick") a.quick = true;
    else if (s == "--rounds" && i + 1 < argc) a.rounds = std::atoi(argv[++i]);
    else if (s == "--only" && i + 1 < argc) a.only = argv[++i];
    else if (s == "--profile" && i + 1 < argc) a.profile = std::atoi(argv[++i]);
    else if (s == "--heap-child") a.heap_child = true;
    else {
      std::fprintf(stderr,
                   "usage: glass_bench [--quick] [--rounds N] "
                   "[--only handshake|resume|throughput|x509|p12|heap]\n");
      return 2;
    }
  }
  // Only the heap child counts allocations (before any OpenSSL call, so every
  // OpenSSL allocation is seen); timing runs use the plain allocators.
  if (a.heap_child) heap::enable_counting();
  // -legacy .p12 files need RC2 and 3DES from the legacy provider.
  if (!OSSL_PROVIDER_load(nullptr, "legacy") || !OSSL_PROVIDER_load(nullptr, "default"))
    fail("cannot load the OpenSSL legacy/default providers: " + ossl_errors());
  if (a.profile >= 0) {
    auto c = handshake_cases().at(static_cast<std::size_t>(a.profile));
    auto env = glass_env(c, material(c.key_type));
    auto t0 = now_ns();
    int n = 0;
    while (now_ns() - t0 < 5'000'000'000) {
      glass_connect(env);
      ++n;
    }
    std::printf("%s: %d handshakes, %.0f us each\n", c.name.c_str(), n, 5e6 / n);
    return 0;
  }
  Timing t{a.quick ? 3 : 15, a.quick ? 0.01 : 0.08};
  if (a.rounds > 0) t.rounds = a.rounds;
  if (a.heap_child) {
    bench_heap(a.quick ? 3 : 9);
    return 0;
  }
  std::printf("## glasstls vs OpenSSL (%s run, %d interleaved rounds, medians of per-thread CPU time)\n\n",
              a.quick ? "quick" : "full", t.rounds);
  print_environment();
  auto want = [&](const char* s) { return a.only.empty() || a.only == s; };
  if (want("handshake")) bench_handshakes(t);
  if (want("resume")) bench_resumed(t);
  if (want("throughput")) bench_throughput(t);
  if (want("x509")) bench_x509(t);
  if (want("p12")) bench_p12(t);
  if (want("heap") && !run_heap_child(argv[0], a.quick)) fail("the heap measurement failed");
  std::printf("- load average at end: %s\n", loadavg().c_str());
  return 0;
}
