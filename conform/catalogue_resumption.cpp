// Probes of a server's TLS 1.3 tickets (RFC 8446 2.2, 4.6.1, 4.2.11, 4.2.10, 8):
// each mints its own tickets with a full mutual-TLS handshake, then offers one on
// further connections (conform/resumption.hpp). Where the RFC leaves the server a
// choice (issue tickets, resume, single use) the row is INFO; only MUSTs FAIL.
#include <algorithm>

#include "conform/resumption.hpp"

namespace glass::conform {

namespace {

using core::Alert;
using E = Expectation;
using K = Outcome::Kind;
// What the rows call the ticket they need, and how a resumed handshake differs.
constexpr std::string_view kWanted = "TLS 1.3 ticket in the full handshake";
constexpr std::string_view kResumedHow = "no certificates";


ProbeResult tickets_sent(const Target& t, const Context& ctx, core::Observer* obs) {
  auto tk = collect_tickets(t, ctx, obs);
  auto& o = tk.first;
  if (o.kind == K::local_error && o.detail.find("lifetime above 7 days") != std::string::npos)
    return judged(o, Verdict::fail, "a NewSessionTicket lifetime exceeds 604800 s (RFC 8446 4.6.1: "
                                    "\"Servers MUST NOT use any value greater than 604800 seconds\")");
  if (!ctx.base.verify_peer || o.kind == K::skipped || o.kind == K::connect_failed)
    return *without_ticket(ctx, tk, kWanted);
  if (o.kind != K::completed)
    return judged(o, Verdict::info, "the full handshake did not complete: " + describe(o));
  std::string s = std::to_string(o.info.tickets_received) + " ticket(s) after the full handshake";
  if (!o.info.client_cert_requested) s += " (the server did not ask for a client certificate)";
  else s += o.info.client_cert_sent ? " (mutual TLS)" : " (our Certificate was empty)";
  if (!tk.tickets.empty()) {
    std::string life, add;
    bool any_add = false;
    for (auto& x : tk.tickets) {
      life += (life.empty() ? "" : "/") + std::to_string(x.lifetime);
      any_add = any_add || x.age_add != 0;
    }
    s += "; lifetime " + life + " s; ticket_age_add " +
         (any_add ? std::string("set (ages are obfuscated)") : std::string("0 (ages sent in clear)"));
  }
  return judged(o, Verdict::info, s);
}

ProbeResult ticket_resumes(const Target& t, const Context& ctx, core::Observer* obs) {
  auto tk = collect_tickets(t, ctx, obs);
  if (auto r = without_ticket(ctx, tk, kWanted)) return *r;
  auto o = offer_ticket(t, ctx, tk.tickets.front(), nullptr, obs);
  auto s = handshake_kind(o, kResumedHow);
  return judged(o, o.kind == K::connect_failed ? Verdict::fail : Verdict::info, s);
}

// Flips the last byte of the ClientHello: the end of the (only) PSK binder.
struct CorruptBinder : ProbeTamper {
  bool outgoing(handshake::HandshakeType type, core::Bytes& framed) override {
    if (type == handshake::HandshakeType::client_hello && !framed.empty() && note.empty()) {
      framed.back() ^= 0x01;
      note = "the PSK binder's last byte flipped";
    }
    return true;
  }
};

ProbeResult binder_corrupt(const Target& t, const Context& ctx, core::Observer* obs) {
  auto tk = collect_tickets(t, ctx, obs);
  if (auto r = without_ticket(ctx, tk, kWanted)) return *r;
  auto o = offer_ticket(t, ctx, tk.tickets.front(), std::make_shared<CorruptBinder>(), obs);
  const std::string rule =
      "RFC 8446 4.2.11: \"If this value is not present or does not validate, the server MUST "
      "abort the handshake\"";
  if (o.kind == K::alert && o.alert == Alert::decrypt_error)
    return judged(o, Verdict::pass, "aborted with decrypt_error");
  if (o.kind == K::alert || o.kind == K::closed)
    return judged(o, Verdict::warn, "aborted (" + describe(o) + "); RFC 8446 6.2 names decrypt_error "
                                    "for a PSK binder that does not validate");
  if (o.kind != K::completed) return judged(o, Verdict::fail, "inconclusive: " + describe(o) + ": " + o.detail);
  if (o.info.resumed) return judged(o, Verdict::fail, "resumed with a binder that does not validate; " + rule);
  // A full handshake is allowed only if the server never selected the ticket
  // ("unknown PSKs SHOULD simply be ignored"): a control with an intact ticket tells.
  auto more = tk.tickets.size() > 1 ? std::move(tk) : collect_tickets(t, ctx, obs);
  if (more.tickets.empty())
    return judged(o, Verdict::warn, "full handshake; no second ticket to check whether it ignores tickets");
  auto control = offer_ticket(t, ctx, more.tickets.back(), nullptr, obs);
  if (control.kind == K::completed && control.info.resumed)
    return judged(o, Verdict::fail,
                  "full handshake, but an intact ticket of the same batch resumes: the server selected "
                  "the ticket and continued without it when its binder failed; " + rule);
  return judged(o, Verdict::info, "full handshake; an intact ticket does not resume either (" +
                                      handshake_kind(control, kResumedHow) + "): the server ignores the ticket, "
                                      "which 4.2.11 allows");
}

ProbeResult age_off(const Target& t, const Context& ctx, core::Observer* obs) {
  auto tk = collect_tickets(t, ctx, obs);
  if (auto r = without_ticket(ctx, tk, kWanted)) return *r;
  auto s = tk.tickets.front();
  // Our client reports the age from when it stored the ticket: claim it is older.
  const std::int64_t shift = std::min<std::int64_t>(3600, s.lifetime / 2);
  s.received_at -= shift;
  auto o = offer_ticket(t, ctx, std::move(s), nullptr, obs);
  o.detail = "ticket age reported " + std::to_string(shift) + " s older than it is; " + o.detail;
  auto what = handshake_kind(o, kResumedHow);
  if (o.kind == K::completed)
    return judged(o, Verdict::info, what + (o.info.resumed ? " (allowed without 0-RTT: RFC 8446 4.2.10)"
                                                           : " (the server checks ticket ages)"));
  return judged(o, Verdict::warn, what + "; RFC 8446 4.2.10: the server \"SHOULD proceed with the "
                                         "handshake but reject 0-RTT\"");
}

ProbeResult replay(const Target& t, const Context& ctx, core::Observer* obs) {
  auto tk = collect_tickets(t, ctx, obs);
  if (auto r = without_ticket(ctx, tk, kWanted)) return *r;
  auto first = offer_ticket(t, ctx, tk.tickets.front(), nullptr, obs);
  auto again = offer_ticket(t, ctx, tk.tickets.front(), nullptr, obs);
  if (!(first.kind == K::completed && first.info.resumed))
    return judged(again, Verdict::info, "the ticket does not resume at all (" + handshake_kind(first, kResumedHow) +
                                            "): single use cannot be told");
  again.detail = "second offer of the same ticket: " + again.detail;
  if (again.kind == K::completed && again.info.resumed)
    return judged(again, Verdict::info, "reusable: the same ticket resumed twice");
  return judged(again, Verdict::info, "single-use: the second offer got " + handshake_kind(again, kResumedHow));
}

ProbeResult client_identity(const Target& t, const Context& ctx, core::Observer* obs) {
  if (!ctx.identity)
    return judged({}, Verdict::skip, "needs a client identity (--p12 or --cert/--key)");
  auto tk = collect_tickets(t, ctx, obs);
  if (auto r = without_ticket(ctx, tk, kWanted)) return *r;
  if (!tk.first.info.client_cert_requested)
    return judged(tk.first, Verdict::skip, "the server did not request a client certificate");
  auto o = offer_ticket(t, ctx, tk.tickets.front(), nullptr, obs);
  const bool asked = o.info.client_cert_requested ||
                     o.detail.find("CertificateRequest") != std::string::npos;
  if (o.info.resumed && asked)
    return judged(o, Verdict::fail, "sent a CertificateRequest in a resumed handshake; RFC 8446 4.3.2: "
                                    "\"Servers which are authenticating with a PSK MUST NOT send the "
                                    "CertificateRequest message in the main handshake\"");
  if (o.kind == K::completed && o.info.resumed)
    return judged(o, Verdict::info, "resumed without asking for a certificate again: the client is "
                                    "known only by what the ticket carries (" +
                                        std::string(o.answered ? "the server answered our request" : "no answer") + ")");
  return judged(o, Verdict::info, handshake_kind(o, kResumedHow) + (o.info.client_cert_requested
                                                           ? "; the server asked for a certificate again"
                                                           : ""));
}


}  // namespace

void add_resumption(std::vector<Probe>& v) {
  v.push_back(multi_connection_probe("resumption.tickets", "RFC 8446 4.6.1",
                    "tickets after the handshake are optional; a ticket_lifetime above 604800 s is not",
                    E::information(), tickets_sent));
  v.push_back(multi_connection_probe("resumption.resumes", "RFC 8446 2.2, 4.2.11",
                    "a server may resume with an offered ticket or fall back to a full handshake",
                    E::information(), ticket_resumes));
  E binder = E::alert_of({Alert::decrypt_error});
  binder.label = "alert decrypt_error (or ignore the ticket)";
  v.push_back(multi_connection_probe("resumption.binder-corrupt", "RFC 8446 4.2.11, 6.2",
                    "the binder of the selected PSK must validate, else the server aborts the handshake",
                    binder, binder_corrupt));
  E age = E::completes();
  age.should = true;
  v.push_back(multi_connection_probe("resumption.age-off", "RFC 8446 4.2.10, 8.3",
                    "a ticket age out of tolerance: proceed (resumed or full), but no 0-RTT",
                    age, age_off));
  v.push_back(multi_connection_probe("resumption.replay", "RFC 8446 8.1, C.4",
                    "whether a ticket resumes more than once is the server's choice",
                    E::information(), replay));
  v.push_back(multi_connection_probe("resumption.client-identity", "RFC 8446 4.3.2, 4.6.1",
                    "after mutual TLS, a resumed handshake sends no CertificateRequest",
                    E::information(), client_identity));
}

}  // namespace glass::conform
