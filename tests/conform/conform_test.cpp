#include <doctest/doctest.h>

#include <set>

#include "conform/answer.hpp"
#include "conform/bisect.hpp"
#include "conform/preflight.hpp"
#include "conform/report.hpp"
#include "conform/runner.hpp"
#include "x509/pki.hpp"
#include "x509/validate.hpp"

using namespace glass;
using conform::Expectation;
using conform::Outcome;
using conform::Verdict;
using core::Alert;

namespace {

Outcome alert(Alert a, bool after_handshake = false) {
  Outcome o;
  o.kind = Outcome::Kind::alert;
  o.alert = a;
  o.handshake_done = after_handshake;
  return o;
}
Outcome of(Outcome::Kind k) {
  Outcome o;
  o.kind = k;
  o.handshake_done = k == Outcome::Kind::completed;
  return o;
}

constexpr std::int64_t kNow = 1767225600;  // 2026-01-01

const x509::TestPki& pki() {
  static x509::TestPki p = [] {
    crypto::SeededRng rng(7);
    x509::PkiOptions o;
    o.now = kNow;
    return *x509::make_test_pki(o, rng);
  }();
  return p;
}

handshake::Identity identity(const x509::IssuedCertificate& c, std::vector<core::Bytes> more = {}) {
  handshake::Identity id;
  id.chain.push_back(c.der);
  for (auto& m : more) id.chain.push_back(m);
  id.key = c.key;
  return id;
}

core::Status validate(const std::vector<core::Bytes>& chain, const core::Bytes& anchor,
                      std::int64_t at) {
  GLASS_TRY(auto leaf, x509::Certificate::parse(chain.front()));
  std::vector<x509::Certificate> inter;
  for (std::size_t i = 1; i < chain.size(); ++i) {
    GLASS_TRY(auto c, x509::Certificate::parse(chain[i]));
    inter.push_back(std::move(c));
  }
  GLASS_TRY(auto a, x509::Certificate::parse(anchor));
  std::vector<x509::Certificate> anchors = {std::move(a)};
  x509::ValidationOptions vo;
  vo.time = at;
  vo.purpose = x509::Purpose::client_auth;
  GLASS_TRY(auto path, x509::validate_path(leaf, inter, anchors, vo));
  (void)path;
  return {};
}

}  // namespace

TEST_CASE("conform: an expected alert passes only when it is one the RFC allows") {
  auto e = Expectation::alert_of({Alert::decrypt_error});
  CHECK(conform::classify(e, alert(Alert::decrypt_error)).verdict == Verdict::pass);
  auto wrong = conform::classify(e, alert(Alert::bad_certificate, true));
  CHECK(wrong.verdict == Verdict::fail);
  CHECK(wrong.why.find("bad_certificate") != std::string::npos);
  CHECK(wrong.why.find("decrypt_error") != std::string::npos);
  // Any fatal alert: the set is empty.
  CHECK(conform::classify(Expectation::any_alert(), alert(Alert::internal_error)).verdict ==
        Verdict::pass);
}

TEST_CASE("conform: silence and acceptance are FAIL, closing without an alert WARN") {
  auto e = Expectation::alert_of({Alert::unexpected_message});
  // RFC 8446 6.2: an implementation SHOULD send a fatal alert and MUST close.
  auto closed = conform::classify(e, of(Outcome::Kind::closed));
  CHECK(closed.verdict == Verdict::warn);
  CHECK(closed.why.find("closed without an alert") != std::string::npos);
  CHECK(closed.why.find("SHOULD send an appropriate fatal alert") != std::string::npos);
  CHECK(conform::classify(e, of(Outcome::Kind::timeout)).verdict == Verdict::fail);
  auto accepted = conform::classify(e, of(Outcome::Kind::completed));
  CHECK(accepted.verdict == Verdict::fail);
  CHECK(accepted.why.find("accepted") != std::string::npos);
  // Our own client giving up is not the server's fault, but it is not a pass either.
  auto local = of(Outcome::Kind::local_error);
  local.detail = "our client stopped: x";
  auto j = conform::classify(e, local);
  CHECK(j.verdict == Verdict::fail);
  CHECK(j.why.find("inconclusive") != std::string::npos);
}

TEST_CASE("conform: MAY-continue rules turn acceptance into WARN or PASS, SHOULD misses into WARN") {
  auto e = Expectation::alert_of({Alert::certificate_required});
  e.if_completed = Expectation::IfCompleted::warn;
  CHECK(conform::classify(e, of(Outcome::Kind::completed)).verdict == Verdict::warn);
  CHECK(conform::classify(e, alert(Alert::certificate_required, true)).verdict == Verdict::pass);
  e.if_completed = Expectation::IfCompleted::pass;
  CHECK(conform::classify(e, of(Outcome::Kind::completed)).verdict == Verdict::pass);

  auto should = Expectation::completes();
  should.should = true;
  CHECK(conform::classify(should, alert(Alert::unknown_ca)).verdict == Verdict::warn);
  CHECK(conform::classify(Expectation::completes(), alert(Alert::unknown_ca)).verdict ==
        Verdict::fail);
  CHECK(conform::classify(Expectation::completes(), of(Outcome::Kind::completed)).verdict ==
        Verdict::pass);
}

TEST_CASE("conform: an alert the RFC leaves open is WARN with the RFC's words, never FAIL") {
  auto e = Expectation::alert_of({Alert::bad_certificate}).tolerate("6.2 quote", {Alert::decrypt_error});
  auto j = conform::classify(e, alert(Alert::decrypt_error));
  CHECK(j.verdict == Verdict::warn);
  CHECK(j.why.find("6.2 quote") != std::string::npos);
  CHECK(j.why.find("bad_certificate") != std::string::npos);
  // Not tolerated: a MUST broken.
  CHECK(conform::classify(e, alert(Alert::internal_error)).verdict == Verdict::fail);
  auto any = e.tolerate("any other alert");
  auto k = conform::classify(any, alert(Alert::internal_error));
  CHECK(k.verdict == Verdict::warn);
  CHECK(k.why.find("any other alert") != std::string::npos);
  CHECK(conform::classify(any, alert(Alert::decrypt_error)).why.find("6.2 quote") != std::string::npos);
  CHECK(conform::classify(any, alert(Alert::bad_certificate)).verdict == Verdict::pass);
}

TEST_CASE("conform: every probe the RFC words as a MUST with a named alert FAILs another alert") {
  // The grading rule: a probe tolerates other alerts only where the RFC names none
  // or names one without a MUST; these are MUSTs with a named alert.
  for (auto name : {"client-cert.cv-wrong-key", "protocol.finished-wrong.tls1.3",
                    "protocol.compression-methods", "protocol.missing-signature-algorithms",
                    "protocol.renegotiation.tls1.3", "protocol.key-update-invalid",
                    "protocol.record-oversized", "client-cert.none.tls1.3"}) {
    INFO(name);
    auto* p = conform::find_probe(name);
    REQUIRE(p);
    CHECK(p->expect.tolerance(Alert::internal_error) == nullptr);
    CHECK(conform::classify(p->expect, alert(Alert::internal_error)).verdict == Verdict::fail);
  }
  auto* bad = conform::find_probe("client-cert.bad-signature");
  REQUIRE(bad);
  auto j = conform::classify(bad->expect, alert(Alert::decrypt_error));
  CHECK(j.verdict == Verdict::warn);
  CHECK(j.why.find("unable to correctly verify a signature") != std::string::npos);
}

TEST_CASE("conform: capability rows are INFO, skipped probes SKIP, no connection FAIL") {
  CHECK(conform::classify(Expectation::information(), alert(Alert::handshake_failure)).verdict ==
        Verdict::info);
  auto skipped = of(Outcome::Kind::skipped);
  skipped.detail = "needs --ca-key";
  auto j = conform::classify(Expectation::alert_of({Alert::unknown_ca}), skipped);
  CHECK(j.verdict == Verdict::skip);
  CHECK(j.why == "needs --ca-key");
  CHECK(conform::classify(Expectation::completes(), of(Outcome::Kind::connect_failed)).verdict ==
        Verdict::fail);
}

TEST_CASE("conform: the catalogue has unique names, an RFC section and a plan for every probe") {
  std::set<std::string> names;
  std::set<conform::Group> groups;
  int verdicts = 0;
  for (auto& p : conform::catalogue()) {
    INFO(p.name);
    CHECK(names.insert(p.name).second);
    CHECK(p.name.rfind(std::string(conform::name_of(p.group)) + ".", 0) == 0);
    CHECK(p.rfc.find("RFC") != std::string::npos);
    CHECK(!p.requirement.empty());
    CHECK((static_cast<bool>(p.plan) || static_cast<bool>(p.run)));
    groups.insert(p.group);
    if (p.expect.kind != Expectation::Kind::info) ++verdicts;
    CHECK(conform::find_probe(p.name) == &p);
  }
  CHECK(groups.size() == 4);
  CHECK(verdicts >= 30);
  CHECK(conform::find_probe("no.such.probe") == nullptr);
  // The list, by name.
  for (auto n : {"client-cert.none.tls1.3", "client-cert.unknown-ca.tls1.3", "client-cert.expired",
                 "client-cert.wrong-eku",
                 "client-cert.cv-wrong-key", "client-cert.cv-scheme-not-offered",
                 "client-cert.chain.out-of-order", "client-cert.chain.incomplete",
                 "client-cert.empty-then-data", "protocol.finished-wrong.tls1.3",
                 "protocol.order.finished-before-certificate", "protocol.duplicate-extension",
                 "protocol.hello-truncated", "protocol.record-oversized",
                 "protocol.record-unknown-type", "protocol.key-share-invalid-point",
                 "protocol.hello-unknown-versions", "protocol.hello-unknown-suites",
                 "protocol.hello-unknown-groups", "protocol.renegotiation.tls1.3",
                 "protocol.key-update-invalid", "protocol.data-before-finished",
                 "protocol.hello-retry-request"})
    CHECK_MESSAGE(conform::find_probe(n) != nullptr, n);
}

TEST_CASE("conform: groups parse by name; the table and JSON carry every row") {
  CHECK(conform::parse_group("client-cert") == conform::Group::client_cert);
  CHECK(conform::parse_group("protocol") == conform::Group::protocol);
  CHECK(!conform::parse_group("nonsense"));

  std::vector<conform::ProbeResult> rs;
  const auto* p1 = conform::find_probe("client-cert.cv-wrong-key");
  const auto* p2 = conform::find_probe("protocol.record-oversized");
  REQUIRE(p1);
  REQUIRE(p2);
  auto o1 = alert(Alert::decrypt_error, true);
  o1.detail = "said \"no\"\n";
  rs.push_back({p1, o1, conform::classify(p1->expect, o1)});
  auto o2 = of(Outcome::Kind::timeout);
  rs.push_back({p2, o2, conform::classify(p2->expect, o2)});
  auto s = conform::summarize(rs);
  CHECK(s.pass == 1);
  CHECK(s.fail == 1);

  auto table = conform::render_table(rs, "127.0.0.1:1");
  CHECK(table.find("client-cert.cv-wrong-key") != std::string::npos);
  CHECK(table.find("RFC 8446 4.4.3") != std::string::npos);
  CHECK(table.find("no answer (timeout)") != std::string::npos);
  CHECK(table.find("1 pass, 1 fail") != std::string::npos);

  auto json = conform::render_json(rs, "127.0.0.1:1");
  CHECK(json.find("\"verdict\": \"PASS\"") != std::string::npos);
  CHECK(json.find("\"verdict\": \"FAIL\"") != std::string::npos);
  CHECK(json.find("\"alert\": \"decrypt_error\"") != std::string::npos);
  CHECK(json.find("\"alert\": null") != std::string::npos);
  CHECK(json.find("said \\\"no\\\"\\n") != std::string::npos);  // escaped
  CHECK(json.find("\"summary\": {\"pass\": 1, \"fail\": 1") != std::string::npos);
  CHECK(conform::json_string(std::string("a\x01") + "b") == "\"a\\u0001b\"");
}

TEST_CASE("conform: the context issues expired and chained certificates from the CA key") {
  conform::ContextOptions o;
  o.server_name = "localhost";
  o.server_cas = o.client_cas = {pki().ca.der};
  o.identity = identity(pki().client);
  o.ca_signer = identity(pki().ca);
  o.now = kNow;
  auto ctx = conform::make_context(o);
  REQUIRE(ctx);
  CHECK(ctx->missing_ca_key.empty());
  CHECK(ctx->base.identities.size() == 1);
  CHECK(ctx->base.verify_peer);
  REQUIRE(ctx->other_key);
  CHECK(ctx->other_key->type() == pki().client.key->type());

  // The chain through two intermediates validates against the CA; without them it does not.
  REQUIRE(ctx->via_intermediates);
  REQUIRE(ctx->via_intermediates->chain.size() == 3);
  auto st = validate(ctx->via_intermediates->chain, pki().ca.der, kNow);
  CHECK_MESSAGE(st, (st ? "" : st.error().reason));
  auto alone = validate({ctx->via_intermediates->chain[0]}, pki().ca.der, kNow);
  REQUIRE(!alone);
  CHECK(alone.error().alert == Alert::unknown_ca);

  // The expired leaf is issued by the CA and fails on time alone.
  REQUIRE(ctx->expired);
  auto exp = validate(ctx->expired->chain, pki().ca.der, kNow);
  REQUIRE(!exp);
  CHECK(exp.error().alert == Alert::certificate_expired);
  auto leaf = x509::Certificate::parse(ctx->expired->chain[0]);
  auto ca = x509::Certificate::parse(pki().ca.der);
  REQUIRE(leaf);
  REQUIRE(ca);
  CHECK(leaf->not_after() < kNow);
  CHECK(core::equal(leaf->issuer().der(), ca->subject().der()));  // issued by the CA itself

  // The serverAuth-only leaf is issued by the CA, in date, and fails on its purpose alone.
  REQUIRE(ctx->wrong_eku);
  auto eku = validate(ctx->wrong_eku->chain, pki().ca.der, kNow);
  REQUIRE(!eku);
  CHECK(eku.error().alert == Alert::certificate_unknown);
  CHECK(eku.error().reason.find("clientAuth") != std::string::npos);
  auto eku_leaf = x509::Certificate::parse(ctx->wrong_eku->chain[0]);
  REQUIRE(eku_leaf);
  CHECK(eku_leaf->not_after() > kNow);
  CHECK(core::equal(eku_leaf->issuer().der(), ca->subject().der()));

  // The unknown-CA leaf does not reach the CA.
  REQUIRE(ctx->unknown_ca);
  auto unk = validate({ctx->unknown_ca->chain[0], ctx->unknown_ca->chain[1]}, pki().ca.der, kNow);
  REQUIRE(!unk);
  CHECK(unk.error().alert == Alert::unknown_ca);
}

TEST_CASE("conform: without the CA key the dependent probes SKIP and say why") {
  conform::ContextOptions o;
  o.server_cas = o.client_cas = {pki().ca.der};
  o.identity = identity(pki().client);
  o.now = kNow;
  auto ctx = conform::make_context(o);
  REQUIRE(ctx);
  CHECK(!ctx->expired);
  CHECK(!ctx->wrong_eku);
  CHECK(ctx->missing_ca_key.find("--client-ca-key") != std::string::npos);
  conform::Target t{"127.0.0.1", "1", 100, 100};
  for (auto name : {"client-cert.expired", "client-cert.wrong-eku", "client-cert.wrong-eku.tls1.2",
                    "client-cert.chain.in-order", "client-cert.chain.incomplete"}) {
    auto r = conform::run_probe(t, *ctx, *conform::find_probe(name));
    CHECK(r.judgement.verdict == Verdict::skip);
  }
  // No identity: the probes that need one skip too, before any connection.
  conform::ContextOptions none;
  none.now = kNow;
  auto bare = conform::make_context(none);
  REQUIRE(bare);
  auto r = conform::run_probe(t, *bare, *conform::find_probe("client-cert.cv-wrong-key"));
  CHECK(r.judgement.verdict == Verdict::skip);
  CHECK(r.outcome.detail.find("--p12") != std::string::npos);
}

TEST_CASE("conform: INCONCLUSIVE rows, the exit status and rows judged together") {
  const auto* none = conform::find_probe("client-cert.none.tls1.3");
  const auto* unknown = conform::find_probe("client-cert.unknown-ca.tls1.3");
  const auto* valid = conform::find_probe("client-cert.valid.tls1.3");
  REQUIRE(none);
  REQUIRE(unknown);
  REQUIRE(valid);

  // A server that refuses an empty Certificate but continues after an unknown CA's.
  auto refused = alert(Alert::certificate_required, true);
  auto accepted = of(Outcome::Kind::completed);
  accepted.info.client_cert_requested = accepted.info.client_cert_sent = true;
  accepted.sent = "chain of 1, leaf CN=x, valid";
  std::vector<conform::ProbeResult> rs = {{none, refused, conform::classify(none->expect, refused)},
                                          {unknown, accepted, conform::classify(unknown->expect, accepted)}};
  CHECK(rs[1].judgement.verdict == Verdict::warn);  // alone: continuing is allowed
  conform::judge_together(rs);
  CHECK(rs[1].judgement.verdict == Verdict::fail);
  CHECK(rs[1].judgement.why.find("took the bad certificate as authentication") != std::string::npos);
  // Without the refusal of an empty Certificate it stays WARN.
  std::vector<conform::ProbeResult> alone = {rs[1]};
  alone[0].judgement = conform::classify(unknown->expect, accepted);
  conform::judge_together(alone);
  CHECK(alone[0].judgement.verdict == Verdict::warn);
  CHECK(conform::exit_status(conform::summarize(rs)) == 1);

  // INCONCLUSIVE: counted, shown, and alone it means nothing could be tested.
  conform::ProbeResult inc{valid, accepted, {Verdict::inconclusive, "our identity is not usable here"}};
  std::vector<conform::ProbeResult> only_inc = {inc};
  auto s = conform::summarize(only_inc);
  CHECK(s.inconclusive == 1);
  CHECK(conform::exit_status(s) == 2);
  std::vector<conform::ProbeResult> mixed = {inc, rs[0]};
  CHECK(conform::exit_status(conform::summarize(mixed)) == 0);
  auto table = conform::render_table(mixed, "127.0.0.1:1");
  CHECK(table.find("INCONCLUSIVE") != std::string::npos);
  CHECK(table.find("1 inconclusive") != std::string::npos);
  auto json = conform::render_json(mixed, "127.0.0.1:1", "{\"usable\": false}");
  CHECK(json.find("\"verdict\": \"INCONCLUSIVE\"") != std::string::npos);
  CHECK(json.find("\"inconclusive\": 1") != std::string::npos);
  CHECK(json.find("\"preflight\": {\"usable\": false}") != std::string::npos);
  CHECK(json.find("\"sent\": \"chain of 1, leaf CN=x, valid\"") != std::string::npos);
}

TEST_CASE("conform: the preflight text and JSON carry the request, each check and the verdict") {
  conform::Preflight p;
  auto ca = x509::Certificate::parse(pki().ca.der);
  REQUIRE(ca);
  conform::SeenRequest seen;
  seen.requested = true;
  seen.request.ca_names = {core::to_bytes(ca->subject().der())};
  seen.request.schemes = {crypto::SignatureScheme::ecdsa_secp256r1_sha256};
  p.seen = seen;
  x509::IdentityCheckInput in;
  in.chain = {pki().client.der};
  in.key = pki().client.key.get();
  in.client_cas = {pki().ca.der};
  in.request = seen.request;
  in.our_schemes = handshake::Config::default_signature_schemes();
  in.now = kNow;
  p.report = x509::check_client_identity(in);
  CHECK(p.report->usable);
  auto text = conform::render_preflight(p);
  CHECK(text.find("CertificateRequest (TLS 1.3): schemes ecdsa_secp256r1_sha256; CA names: CN=glasstls Test CA") !=
        std::string::npos);
  CHECK(text.find("ok    server CA") != std::string::npos);
  CHECK(text.find("verdict: usable") != std::string::npos);
  auto json = conform::render_preflight_json(p);
  CHECK(json.find("\"usable\": true") != std::string::npos);
  CHECK(json.find("{\"name\": \"key\", \"status\": \"ok\"") != std::string::npos);
  CHECK(json.find("\"identity_problem\": \"\"") != std::string::npos);

  conform::Preflight none;
  none.fetch_error = "no TCP connection";
  CHECK(conform::render_preflight_json(none) == "{\"request\": \"not read: no TCP connection\", \"usable\": null}");
}

namespace {

// A completed row of `name` whose server answered `answer` (empty: no answer).
conform::ProbeResult answered(const char* name, std::string answer, bool cert_sent = true) {
  conform::ProbeResult r;
  r.probe = conform::find_probe(name);
  r.outcome = of(Outcome::Kind::completed);
  r.outcome.info.client_cert_requested = true;
  r.outcome.info.client_cert_sent = cert_sent;
  r.outcome.request_sent = true;
  r.outcome.answered = !answer.empty();
  r.outcome.answer = std::move(answer);
  r.judgement = conform::classify(r.probe->expect, r.outcome);
  return r;
}

}  // namespace

TEST_CASE("conform: answers are judged against the valid-certificate baseline") {
  CHECK(conform::status_line("HTTP/1.1 400 Bad Request\r\nServer: x\r\n") == "HTTP/1.1 400 Bad Request");
  CHECK(conform::http_status("HTTP/1.1 496 SSL Certificate Required") == 496);
  CHECK(conform::http_status("PONG") == 0);
  CHECK(conform::escaped(std::string("a\r\n\x01\xff", 5)) == "a\\r\\n\\x01\\xff");
  CHECK(conform::escaped("abcdef", 3) == "abc...");

  conform::Baseline b;
  b.status = "HTTP/1.1 200 OK";
  std::vector<conform::ProbeResult> rs = {
      answered("client-cert.unknown-ca.tls1.3", "HTTP/1.1 400 Bad Request\r\n\r\n"),
      answered("client-cert.expired", "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nok\n"),
      answered("client-cert.none.tls1.2", "HTTP/1.1 200 OK\r\n", false),
      answered("client-cert.bad-signature", ""),  // no answer within the timeout
      answered("client-cert.chain.incomplete", "HTTP/1.1 302 Found\r\n"),
      answered("client-cert.chain.in-order", "HTTP/1.1 400 Bad Request\r\n"),
      answered("client-cert.valid.tls1.3", "HTTP/1.1 400 Bad Request\r\n"),
      answered("client-cert.valid.tls1.2", "HTTP/1.1 200 OK\r\n"),
      answered("client-cert.wrong-eku", "HTTP/1.1 200 OK\r\n")};
  for (auto& r : rs) REQUIRE(r.probe);
  CHECK(rs[0].judgement.verdict == Verdict::warn);  // before: "check the application refuses it"
  conform::judge_answers(rs, b);
  CHECK(rs[0].judgement.verdict == Verdict::pass);
  CHECK(rs[0].judgement.why.find("refused at the application layer: \"HTTP/1.1 400 Bad Request\"") == 0);
  CHECK(rs[1].judgement.verdict == Verdict::fail);
  CHECK(rs[1].judgement.severity == "accepts any client certificate");
  CHECK(rs[2].judgement.verdict == Verdict::fail);
  CHECK(rs[2].judgement.why.find("without a certificate") != std::string::npos);
  CHECK(rs[3].judgement.verdict == Verdict::pass);
  CHECK(rs[3].judgement.why.find("no answer to our request") != std::string::npos);
  CHECK(rs[4].judgement.verdict == Verdict::warn);  // differs, but not a refusal
  CHECK(rs[5].judgement.verdict == Verdict::warn);  // a valid chain refused: policy (SHOULD)
  CHECK(rs[6].judgement.verdict == Verdict::fail);  // the valid certificate refused after all
  CHECK(rs[7].judgement.verdict == Verdict::pass);
  CHECK(rs[8].judgement.verdict == Verdict::fail);  // a serverAuth-only certificate taken
  CHECK(rs[8].judgement.severity == "accepts any client certificate");

  auto table = conform::render_table(rs, "127.0.0.1:1");
  CHECK(table.find("accepts any client certificate: answered \"HTTP/1.1 200 OK\"") != std::string::npos);
  CHECK(table.find("    answer: \"HTTP/1.1 302 Found\"") != std::string::npos);
  auto json = conform::render_json(rs, "127.0.0.1:1", {}, "{\"request\": \"x\"}");
  CHECK(json.find("\"answers\": {\"request\": \"x\"}") != std::string::npos);
  CHECK(json.find("\"first_bytes\": \"HTTP/1.1 200 OK\\\\r\\\\nContent-Length: 3") != std::string::npos);
  CHECK(json.find("\"severity\": \"accepts any client certificate\"") != std::string::npos);

  // No baseline: the rows keep the handshake's verdict.
  auto keep = std::vector<conform::ProbeResult>{answered("client-cert.expired", "HTTP/1.1 200 OK\r\n")};
  conform::Baseline none;
  none.problem = "no client identity";
  conform::judge_answers(keep, none);
  CHECK(keep[0].judgement.verdict == Verdict::warn);
}

TEST_CASE("conform: resumption probes run over several connections and say why they cannot") {
  conform::Target t{"127.0.0.1", "1", 100, 100};  // nothing listens on port 1
  // Tickets are kept only from a verified server: without --server-ca every row is SKIP.
  conform::ContextOptions unverified;
  unverified.identity = identity(pki().client);
  unverified.now = kNow;
  auto bare = conform::make_context(unverified);
  REQUIRE(bare);
  int n = 0;
  for (auto& p : conform::catalogue()) {
    if (p.group != conform::Group::resumption) continue;
    INFO(p.name);
    ++n;
    CHECK(static_cast<bool>(p.run));
    auto r = conform::run_probe(t, *bare, p);
    CHECK(r.probe == &p);
    CHECK(r.judgement.verdict == Verdict::skip);
    CHECK(r.judgement.why.find("--server-ca") != std::string::npos);
  }
  CHECK(n == 8);
  CHECK(conform::parse_group("resumption") == conform::Group::resumption);
  // Verified but unreachable: no connection is a FAIL, as for every probe.
  conform::ContextOptions o = unverified;
  o.server_cas = {pki().ca.der};
  auto ctx = conform::make_context(o);
  REQUIRE(ctx);
  auto r = conform::run_probe(t, *ctx, *conform::find_probe("resumption.tickets"));
  CHECK(r.judgement.verdict == Verdict::fail);
  CHECK(r.outcome.kind == Outcome::Kind::connect_failed);
  for (auto name : {"resumption.tls1.2.resumes", "resumption.tls1.2.no-ems"}) {
    r = conform::run_probe(t, *ctx, *conform::find_probe(name));
    CHECK(r.judgement.verdict == Verdict::fail);
    CHECK(r.outcome.kind == Outcome::Kind::connect_failed);
  }
  // The client-identity probe needs an identity before any connection.
  o.identity.reset();
  auto anon = conform::make_context(o);
  REQUIRE(anon);
  r = conform::run_probe(t, *anon, *conform::find_probe("resumption.client-identity"));
  CHECK(r.judgement.verdict == Verdict::skip);
  CHECK(r.outcome.detail.find("--p12") != std::string::npos);
}
