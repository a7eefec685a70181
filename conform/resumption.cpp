#include "conform/resumption.hpp"

#include <ctime>

namespace glass::conform {

namespace {

Plan with_cache(const Context& ctx, handshake::ProtocolVersion v = handshake::ProtocolVersion::tls13) {
  Plan p;
  p.cfg = ctx.base;
  p.cfg.min_version = p.cfg.max_version = v;
  p.cfg.session_cache = std::make_shared<handshake::ClientSessionCache>();
  return p;
}

std::int64_t now_of(const handshake::Config& cfg) {
  return cfg.now ? cfg.now() : static_cast<std::int64_t>(std::time(nullptr));
}

Tickets collect(const Target& t, Plan p, core::Observer* obs) {
  auto cache = p.cfg.session_cache;
  auto key = handshake::session_key(p.cfg.server_name, p.cfg.alpn);
  auto now = now_of(p.cfg);
  Tickets out;
  out.first = run_plan(t, std::move(p), obs);
  while (auto s = cache->take(key, now)) out.tickets.push_back(std::move(*s));
  return out;
}

}  // namespace

Tickets collect_tickets(const Target& t, const Context& ctx, core::Observer* obs) {
  return collect(t, with_cache(ctx), obs);
}

Tickets collect_tickets12(const Target& t, const Context& ctx, core::Observer* obs) {
  return collect(t, with_cache(ctx, handshake::ProtocolVersion::tls12), obs);
}

Outcome offer_ticket(const Target& t, const Context& ctx, handshake::ClientSession s,
                     std::shared_ptr<ProbeTamper> tamper, core::Observer* obs) {
  Plan p = with_cache(ctx);
  p.cfg.session_cache->add(std::move(s));
  p.tamper = std::move(tamper);
  return run_plan(t, std::move(p), obs);
}

Outcome offer_ticket12(const Target& t, const Context& ctx, handshake::ClientSession s,
                       std::shared_ptr<ProbeTamper> tamper, core::Observer* obs) {
  Plan p = with_cache(ctx, handshake::ProtocolVersion::tls12);
  p.cfg.session_cache->add(std::move(s));
  // A deviating hello may leave out extended_master_secret: let a full handshake
  // without it complete, so the outcome says what the server chose.
  p.cfg.require_extended_master_secret = false;
  p.tamper = std::move(tamper);
  return run_plan(t, std::move(p), obs);
}

ProbeResult judged(Outcome o, Verdict v, std::string why) {
  if (v == Verdict::info) o.detail = o.detail.empty() ? why : why + "; " + o.detail;
  if (v == Verdict::skip) {
    o.kind = Outcome::Kind::skipped;
    o.detail = why;
  }
  ProbeResult r;
  r.outcome = std::move(o);
  r.judgement = {v, std::move(why)};
  return r;
}

std::string handshake_kind(const Outcome& o, std::string_view resumed_how) {
  if (o.kind != Outcome::Kind::completed)
    return describe(o) + (o.detail.empty() ? "" : " (" + o.detail + ")");
  return o.info.resumed ? "resumed with the ticket (" + std::string(resumed_how) + ")"
                        : "full handshake (the ticket was not used)";
}

std::optional<ProbeResult> without_ticket(const Context& ctx, Tickets& tk, std::string_view wanted) {
  using K = Outcome::Kind;
  if (!ctx.base.verify_peer)
    return judged(tk.first, Verdict::skip,
                  "our client keeps tickets only from a verified server: give --server-ca");
  if (tk.first.kind == K::skipped || tk.first.kind == K::connect_failed)
    return judged(tk.first, tk.first.kind == K::skipped ? Verdict::skip : Verdict::fail,
                  describe(tk.first) + ": " + tk.first.detail);
  if (tk.tickets.empty())
    return judged(tk.first, Verdict::skip,
                  "the server sent no usable " + std::string(wanted) + " (" + describe(tk.first) + ")");
  return std::nullopt;
}

Probe multi_connection_probe(std::string name, std::string rfc, std::string requirement, Expectation e,
                             std::function<ProbeResult(const Target&, const Context&, core::Observer*)> run) {
  Probe p{std::move(name), Group::resumption, std::move(rfc), std::move(requirement), std::move(e),
          [](const Context&) {
            Plan none;
            none.skip = "runs over several connections (Probe::run)";
            return none;
          },
          false};
  p.run = std::move(run);
  return p;
}

}  // namespace glass::conform
