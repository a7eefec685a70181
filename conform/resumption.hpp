#pragma once
// Runner support for the probes that need two connections (TLS 1.3 resumption,
// RFC 8446 2.2, 4.6.1; TLS 1.2 tickets, RFC 5077): a full handshake that collects the server's tickets, then
// connections that offer one of them. Each probe mints its own tickets, so a
// server with single-use tickets does not make one probe depend on another.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "conform/runner.hpp"
#include "handshake/session_cache.hpp"

namespace glass::conform {

struct Tickets {
  Outcome first;                                  // the full handshake
  std::vector<handshake::ClientSession> tickets;  // newest first (our cache keeps 4)
};

// A TLS 1.3 handshake with the user's identity (when given), keeping the tickets
// that arrive before the server's answer to our request.
Tickets collect_tickets(const Target& t, const Context& ctx, core::Observer* obs);

// A TLS 1.3 connection offering `s` alone; `tamper` (may be null) deviates it.
Outcome offer_ticket(const Target& t, const Context& ctx, handshake::ClientSession s,
                     std::shared_ptr<ProbeTamper> tamper, core::Observer* obs);

// The same for TLS 1.2 session tickets (RFC 5077): our client keeps only tickets
// of sessions with the extended master secret (RFC 7627 5.3).
Tickets collect_tickets12(const Target& t, const Context& ctx, core::Observer* obs);

// A finished row. The report shows an INFO row's outcome detail, not its reason, so
// the reason leads it; a SKIP row reads like classify()'s skipped plans.
ProbeResult judged(Outcome o, Verdict v, std::string why);
// "resumed with the ticket (<how>)", "full handshake (the ticket was not used)", or
// what went wrong.
std::string handshake_kind(const Outcome& o, std::string_view resumed_how);
// The tickets, or why the probe cannot use them (a finished SKIP/FAIL row);
// `wanted` names the ticket that was missing.
std::optional<ProbeResult> without_ticket(const Context& ctx, Tickets& tk, std::string_view wanted);
// A resumption probe: it runs over several connections (Probe::run), so it has no
// single-connection plan.
Probe multi_connection_probe(std::string name, std::string rfc, std::string requirement, Expectation e,
                             std::function<ProbeResult(const Target&, const Context&, core::Observer*)> run);
Outcome offer_ticket12(const Target& t, const Context& ctx, handshake::ClientSession s,
                       std::shared_ptr<ProbeTamper> tamper, core::Observer* obs);

}  // namespace glass::conform
