#pragma once
// One connection driven step by step, for the probes that act after the
// handshake or look at every record (conform/catalogue_closing.cpp,
// catalogue_records.cpp): the handshake and the request go as in run_plan; then
// the probe writes records of its own through the engine's RecordWriter (kept
// by a RecordTap) and waits, bounded by Target::timeout_ms, for what the server
// does. Nothing here judges.
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "conform/runner.hpp"

namespace glass::conform {

// Keeps the engine's record writer, so that a probe can write raw records (an
// alert, data after close_notify) with the current keys and sequence numbers.
// A subclass that overrides after() calls RecordTap::after.
struct RecordTap : ProbeTamper {
  record::RecordWriter* writer = nullptr;
  void after(handshake::HandshakeType, record::RecordWriter& w) override { writer = &w; }
};

// What the server did while we waited.
struct Reaction {
  std::string data;                  // application data received (first KiB)
  bool close_notify = false;         // the server's close_notify arrived
  std::optional<core::Alert> alert;  // a fatal alert from the server
  bool eof = false;                  // TCP closed (FIN)
  bool reset = false;                // TCP reset
  bool timeout = false;              // the wait ended with the connection still open
  std::string local_error;           // our client could not follow the server
  int ms = 0;                        // how long the wait took
  bool closed() const { return eof || reset; }
};
// "close_notify, then TCP closed", "alert decode_error", "nothing"
std::string what_happened(const Reaction& r);
// The same with the time: "close_notify, then TCP closed within 3 ms"
std::string describe(const Reaction& r);

class Session {
 public:
  // What wait() waits for: the handshake's end, the answer's first line, any
  // reaction (data, an alert, close_notify, a close), or the TCP close itself
  // (reading on past data and alerts).
  enum class Until : std::uint8_t { handshake, answer, reaction, close };

  Session(const Target& t, Plan plan, core::Observer* obs);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Connects and runs the handshake; nullopt once it completed, else the row's
  // Outcome (an alert, a close, a timeout, no connection).
  std::optional<Outcome> handshake();
  // Sends Target::request and waits for its answer's first line; with --no-request,
  // waits the verdict time (Target::verdict_ms) for whatever the server sends.
  Reaction request();
  // Sends what the connection queued, the probe's raw records included; false
  // once the peer is gone.
  bool flush();
  Reaction wait(Until until, int ms);

  handshake::Connection& conn();
  record::RecordWriter* writer();  // null unless the plan's tamper is a RecordTap
  const Target& target() const;
  // The row's Outcome after `r` (detail: the session, then `what`; after the
  // handshake, `did` says what the server did in `r`).
  Outcome outcome(const Reaction& r, const std::string& what);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A probe played by `run` over a Session (its `plan` is unused).
Probe stepped_probe(std::string name, std::string rfc, std::string requirement, Expectation e,
                    std::function<ProbeResult(const Target&, const Context&, core::Observer*)> run);
// A plan from the context's base config, one version (or both when nullopt),
// with `tap` as its tamper.
Plan tapped_plan(const Context& c, std::optional<handshake::ProtocolVersion> v,
                 std::shared_ptr<RecordTap> tap);
// The row of a probe whose handshake did not complete: FAIL without a
// connection, else SKIP (the probe needs a completed handshake).
ProbeResult without_handshake(Outcome o);

}  // namespace glass::conform
