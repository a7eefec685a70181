// Probes of a server's TLS 1.2 session tickets (RFC 5077) and how they keep the
// extended master secret (RFC 7627 5.3). Each mints its own ticket with a full
// TLS 1.2 handshake (our client keeps only tickets of sessions with the extended
// master secret), then offers it on further connections.
#include "conform/resumption.hpp"

namespace glass::conform {

namespace {

using E = Expectation;
using K = Outcome::Kind;
// What the rows call the ticket they need, and how a resumed handshake differs.
constexpr std::string_view kWanted = "TLS 1.2 ticket in a full handshake with extended_master_secret";
constexpr std::string_view kResumedHow = "abbreviated handshake";


ProbeResult resumes12(const Target& t, const Context& ctx, core::Observer* obs) {
  auto tk = collect_tickets12(t, ctx, obs);
  if (auto r = without_ticket(ctx, tk, kWanted)) return *r;
  auto o = offer_ticket12(t, ctx, tk.tickets.front(), nullptr, obs);
  std::string s = "ticket received (extended master secret, lifetime " +
                  std::to_string(tk.tickets.front().lifetime) + " s); offered: " + handshake_kind(o, kResumedHow);
  return judged(o, o.kind == K::connect_failed ? Verdict::fail : Verdict::info, s);
}

// Leaves extended_master_secret out of the ClientHello that offers the ticket.
struct DropEms : ProbeTamper {
  void shape(handshake::ClientHello& ch) override {
    ch.extensions.remove(handshake::ExtensionType::extended_master_secret);
    note = "ClientHello without extended_master_secret, offering the ticket";
  }
};

const std::string kRule =
    "RFC 7627 5.3: \"If the original session used the extended_master_secret extension but the "
    "new ClientHello does not contain it, the server MUST abort the abbreviated handshake\"";

ProbeResult no_ems(const Target& t, const Context& ctx, core::Observer* obs) {
  auto tk = collect_tickets12(t, ctx, obs);
  if (auto r = without_ticket(ctx, tk, kWanted)) return *r;
  auto o = offer_ticket12(t, ctx, tk.tickets.front(), std::make_shared<DropEms>(), obs);
  // Our client refuses an abbreviated handshake without the extension (5.3, client side).
  if (o.kind == K::local_error && o.detail.find("resumed our session") != std::string::npos)
    return judged(o, Verdict::fail, "resumed the session without extended_master_secret; " + kRule);
  if (o.kind == K::completed && o.info.resumed)
    return judged(o, Verdict::fail, "resumed the session; " + kRule);
  if (o.kind == K::alert || o.kind == K::closed)
    return judged(o, Verdict::pass, "aborted (" + describe(o) + ")");
  if (o.kind != K::completed)
    return judged(o, Verdict::inconclusive, describe(o) + ": " + o.detail);
  // A full handshake: the abbreviated one was not performed. Whether that tells
  // anything depends on the server resuming an intact offer.
  auto more = collect_tickets12(t, ctx, obs);
  if (more.tickets.empty())
    return judged(o, Verdict::pass, "full handshake (no second ticket to check that it resumes)");
  auto control = offer_ticket12(t, ctx, more.tickets.front(), nullptr, obs);
  if (control.kind == K::completed && control.info.resumed)
    return judged(o, Verdict::pass, "full handshake instead of the abbreviated one (an intact "
                                      "offer resumes); 5.3 names only the abbreviated handshake");
  return judged(o, Verdict::info, "full handshake, but an intact offer does not resume either (" +
                                        handshake_kind(control, kResumedHow) + "): nothing to tell");
}


}  // namespace

void add_resumption12(std::vector<Probe>& v) {
  v.push_back(multi_connection_probe("resumption.tls1.2.resumes", "RFC 5077 3.1, 3.4; RFC 7627 5.3",
                      "TLS 1.2 tickets are optional; a ticket of an extended-master-secret session "
                      "may resume or fall back to a full handshake",
                      E::information(), resumes12));
  E abort = E::any_alert();
  abort.label = "abort the abbreviated handshake";
  v.push_back(multi_connection_probe("resumption.tls1.2.no-ems", "RFC 7627 5.3",
                      "a ticket of a session with extended_master_secret offered without the "
                      "extension: the server MUST NOT resume",
                      abort, no_ems));
}

}  // namespace glass::conform
