// Resumed handshakes, glasstls and OpenSSL side by side, beside the full handshake
// of the same case: TLS 1.3 (a ticket from the previous handshake, psk_dhe_ke) and
// TLS 1.2 (an RFC 5077 ticket, extended master secret, abbreviated handshake).
// Each timed op is one resumed handshake plus the client taking in the server's
// new tickets, so the next op has a fresh ticket to offer.
#include "bench/resume_bench.hpp"

#include <openssl/ssl.h>

#include <cstdio>
#include <functional>
#include <memory>
#include <string>

#include "bench/glass_side.hpp"
#include "bench/openssl_side.hpp"
#include "handshake/session_cache.hpp"
#include "handshake/ticket.hpp"

namespace glass::bench {

namespace {

struct OsslResume {
  std::unique_ptr<OsslEnv> env;
  SSL_SESSION* session = nullptr;
  ~OsslResume() { SSL_SESSION_free(session); }
};

// One OpenSSL handshake offering `r.session`; keeps the newest session for the next.
bool ossl_resumed(OsslResume& r) {
  OsslPair p = ossl_connect(*r.env, r.session);
  bool reused = SSL_session_reused(p.client) == 1;
  char b;
  (void)SSL_read(p.client, &b, 1);  // takes in the NewSessionTickets
  SSL_SESSION* next = SSL_get1_session(p.client);
  // Freed without a shutdown, OpenSSL would mark the session not resumable.
  SSL_set_shutdown(p.client, SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN);
  SSL_SESSION_free(r.session);
  r.session = next;
  return reused;
}

bool glass_resumed(const GlassEnv& env) { return glass_connect(env).server->info().resumed; }

}  // namespace

void bench_resumed(const Timing& timing) {
  const std::vector<Case> cases = handshake_cases();
  std::vector<std::unique_ptr<GlassEnv>> genv;
  std::vector<std::unique_ptr<OsslResume>> oenv;
  std::vector<std::unique_ptr<Op>> ops;
  std::vector<Op*> order;
  for (auto& c : cases) {
    auto g = std::make_unique<GlassEnv>(glass_env(c, material(c.key_type)));
    g->server.ticket_keys = std::make_shared<handshake::TicketKeys>();
    g->client.session_cache = std::make_shared<handshake::ClientSessionCache>();
    (void)glass_connect(*g);  // the first ticket
    if (!glass_resumed(*g)) fail(c.name + ": glasstls did not resume");
    auto o = std::make_unique<OsslResume>();
    o->env = ossl_env(c, material(c.key_type));
    // ossl_env turns tickets off for the full-handshake table: back on here, 2 per
    // TLS 1.3 handshake as ours (TLS 1.2 has one); a server verifying clients needs
    // a session id context.
    static const unsigned char sid[] = "glass_bench";
    SSL_CTX_set_session_id_context(o->env->server, sid, sizeof sid - 1);
    for (SSL_CTX* ctx : {o->env->client, o->env->server}) SSL_CTX_clear_options(ctx, SSL_OP_NO_TICKET);
    SSL_CTX_set_num_tickets(o->env->server, 2);
    SSL_CTX_set_session_cache_mode(o->env->client, SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE);
    (void)ossl_resumed(*o);
    if (!o->session || !SSL_SESSION_is_resumable(o->session))
      fail(c.name + ": OpenSSL received no resumable session");
    if (!ossl_resumed(*o)) fail(c.name + ": OpenSSL did not resume");
    const GlassEnv* ge = g.get();
    OsslResume* oe = o.get();
    auto add = [&](std::string name, std::function<void()> fn) {
      auto op = std::make_unique<Op>();
      op->name = std::move(name);
      op->fn = std::move(fn);
      ops.push_back(std::move(op));
    };
    // Every timed op must resume, or the row would time full handshakes.
    add("glass resumed " + c.name, [ge, name = c.name] {
      if (!glass_resumed(*ge)) fail(name + ": a timed glasstls handshake did not resume");
    });
    add("OpenSSL resumed " + c.name, [oe, name = c.name] {
      if (!ossl_resumed(*oe)) fail(name + ": a timed OpenSSL handshake did not resume");
    });
    add("glass full " + c.name, [ge] {
      GlassEnv full = *ge;
      full.client.session_cache = nullptr;
      glass_connect(full);
    });
    genv.push_back(std::move(g));
    oenv.push_back(std::move(o));
  }
  for (auto& op : ops) order.push_back(op.get());
  std::fprintf(stderr, "resumed handshakes: %d rounds of %zu ops...\n", timing.rounds, order.size());
  run_interleaved(order, timing);

  std::printf("### Resumed handshakes (TLS 1.3: ticket + psk_dhe_ke; TLS 1.2: RFC 5077 ticket + EMS; "
              "memory transport)\n\n");
  std::printf("| case | glasstls resumed µs | OpenSSL resumed µs | glasstls ÷ OpenSSL | glasstls full µs |\n");
  std::printf("|---|---:|---:|---:|---:|\n");
  for (std::size_t i = 0; i < cases.size(); ++i) {
    double g = ops[3 * i]->median_ns(), o = ops[3 * i + 1]->median_ns(), f = ops[3 * i + 2]->median_ns();
    std::printf("| %s | %.1f | %.1f | %.2f | %.1f |\n", cases[i].name.c_str(), g / 1e3, o / 1e3,
                o > 0 ? g / o : 0.0, f / 1e3);
  }
  std::printf("\nSame groups as the full-handshake table (glasstls's hybrid case stays on "
              "X25519MLKEM768, OpenSSL's on X25519). Each op: a new connection pair, the resumed "
              "handshake (no certificates or signatures), and the client taking in the server's "
              "new tickets (OpenSSL's stateless tickets carry the whole session, client certificate "
              "included, encoded and decoded each time). TLS 1.3: two tickets per handshake on "
              "both sides. TLS 1.2: no key exchange at all, only the ticket, the PRF and the "
              "Finished messages; glasstls's server sends a fresh ticket in every abbreviated "
              "handshake, OpenSSL's sends none and the client keeps offering the first. "
              "glasstls full = the same pair without a ticket.\n\n");
}

}  // namespace glass::bench
