// JSON and HTML reports of recorded in-memory handshakes: the JSON validates
// against its schema (checked by python3-jsonschema), secrets can be hidden,
// every string is escaped, and the HTML never refers to anything outside itself.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <thread>

#include "core/hex.hpp"
#include "inspect/html_protection.hpp"
#include "session.hpp"

using namespace glass;
using inspect::EventKind;

namespace {

std::string temp_dir() {
  auto d = std::filesystem::path(GLASS_BINARY_DIR) / "inspect_test_out";
  std::filesystem::create_directories(d);
  return d.string();
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary);
  f << text;
  REQUIRE(f.good());
}

// Exit status of validate_json.py on a file (0 = valid).
int validate(const std::string& json_path) {
  std::string cmd = std::string("python3 ") + GLASS_SOURCE_DIR + "/tests/inspect/validate_json.py " +
                    GLASS_SOURCE_DIR + "/inspect/schema/events.schema.json " + json_path + " 2>&1";
  int rc = std::system(cmd.c_str());
  if (rc == -1) return -1;
  return WEXITSTATUS(rc);
}

}  // namespace

TEST_CASE("inspect: JSON of TLS 1.3 and 1.2 mTLS handshakes validates against the schema") {
  for (bool tls12 : {false, true}) {
    auto s = test::record_session(tls12);
    REQUIRE_MESSAGE(s->done, s->error);
    std::string json = inspect::to_json(s->log, test::meta_of(*s));
    std::string path = temp_dir() + (tls12 ? "/events12.json" : "/events13.json");
    write_file(path, json);
    CHECK_MESSAGE(validate(path) == 0, "schema validation failed for " << path);
    CHECK(json.find("\"name\":\"ClientHello\"") != std::string::npos);
    CHECK(json.find("\"kind\":\"secret\"") != std::string::npos);
    CHECK(json.find("\"protected\":true") != std::string::npos);
  }
}

TEST_CASE("inspect: the schema check rejects JSON that breaks the schema") {
  auto s = test::record_session(false);
  REQUIRE(s->done);
  std::string json = inspect::to_json(s->log, test::meta_of(*s));
  // Drop a required member of the first event; the validator must notice.
  std::string broken = std::regex_replace(json, std::regex("\\{\"step\":1,"), "{", std::regex_constants::format_first_only);
  REQUIRE(broken != json);
  std::string path = temp_dir() + "/broken.json";
  write_file(path, broken);
  CHECK(validate(path) == 1);
  // A negative offset is not a field either.
  std::string neg = std::regex_replace(json, std::regex("\"offset\":0"), "\"offset\":-1", std::regex_constants::format_first_only);
  write_file(path, neg);
  CHECK(validate(path) == 1);
}

TEST_CASE("inspect: secrets are shown or replaced by (hidden)") {
  auto s = test::record_session(false);
  REQUIRE(s->done);
  std::string some_secret;
  for (const auto& e : s->log.events())
    if (e.kind == EventKind::secret && e.value.size() >= 16) {
      some_secret = core::to_hex(e.value.view());
      break;
    }
  REQUIRE_FALSE(some_secret.empty());
  auto shown = test::meta_of(*s, true);
  auto hidden = test::meta_of(*s, false);
  CHECK(inspect::to_json(s->log, shown).find(some_secret) != std::string::npos);
  CHECK(inspect::to_html(s->log, shown).find(some_secret) != std::string::npos);
  std::string hj = inspect::to_json(s->log, hidden), hh = inspect::to_html(s->log, hidden);
  CHECK(hj.find(some_secret) == std::string::npos);
  CHECK(hh.find(some_secret) == std::string::npos);
  CHECK(hj.find("\"value\":\"(hidden)\"") != std::string::npos);
  CHECK(hh.find("(hidden)") != std::string::npos);
}

TEST_CASE("inspect: JSON and HTML escaping of hostile strings") {
  CHECK(inspect::json_escape("a\"b\\c\n\x01") == "a\\\"b\\\\c\\n\\u0001");
  CHECK(inspect::json_escape("<script>") == "\\u003cscript\\u003e");
  CHECK(inspect::json_escape("caf\xc3\xa9") == "caf\xc3\xa9");
  CHECK(inspect::json_escape("bad\xff\xc3") == "bad\\ufffd\\ufffd");
  CHECK(inspect::json_escape("\xc0\xaf") == "\\ufffd\\ufffd");  // overlong '/'
  CHECK(inspect::html_escape("<img src=x onerror='a'>&\"") ==
        "&lt;img src=x onerror=&#39;a&#39;&gt;&amp;&quot;");
  CHECK(inspect::html_escape("x\xfey") == "x\xef\xbf\xbdy");

  // A note and a title holding markup come out inert in both reports.
  inspect::EventLog log;
  inspect::Recorder rec(log, "client<b>");
  rec.on_note("</script><script>alert(1)</script>");
  inspect::ReportMeta m;
  m.title = "<h1>\"title\"</h1>";
  std::string html = inspect::to_html(log, m);
  CHECK(html.find("<script>alert") == std::string::npos);
  CHECK(html.find("&lt;/script&gt;&lt;script&gt;alert(1)") != std::string::npos);
  CHECK(html.find("client&lt;b&gt;") != std::string::npos);
  std::string json = inspect::to_json(log, m);
  CHECK(json.find("</script>") == std::string::npos);
  std::string path = temp_dir() + "/hostile.json";
  write_file(path, json);
  CHECK(validate(path) == 0);

  inspect::Field f;
  f.name = "n\"ame";
  f.value = "v\\al";
  CHECK(inspect::field_to_json(f) ==
        "{\"name\":\"n\\\"ame\",\"offset\":0,\"length\":0,\"value\":\"v\\\\al\",\"note\":\"\",\"children\":[]}");
}

TEST_CASE("inspect: HTML report is self-contained and holds every message") {
  for (bool tls12 : {false, true}) {
    auto s = test::record_session(tls12);
    REQUIRE(s->done);
    std::string html = inspect::to_html(s->log, test::meta_of(*s));
    for (const auto& n : test::message_names(s->log.events()))
      CHECK_MESSAGE(html.find(">" + n + "<") != std::string::npos, n);
    CHECK(html.find("class=\"arrow ") != std::string::npos);
    CHECK(html.find("id=\"panel-1\"") != std::string::npos);
    CHECK(html.find("data-f=") != std::string::npos);
    for (const char* bad : {"http:", "https:", "//", "@import", "url(", "src=", "<link", "<iframe",
                            "<object", "<embed", "<img", "ftp:", "ws:"})
      CHECK_MESSAGE(html.find(bad) == std::string::npos, bad);
    // The only links are fragment links within the page.
    std::regex href("href=\"([^\"]*)\"");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), href); it != std::sregex_iterator(); ++it)
      CHECK((*it)[1].str().rfind("#", 0) == 0);
  }
}

TEST_CASE("inspect: two recorders share one log, numbered in order and thread-safe") {
  auto s = test::record_session(false);
  REQUIRE(s->done);
  auto ev = s->log.events();
  REQUIRE(ev.size() > 20);
  bool client = false, server = false;
  for (std::size_t i = 0; i < ev.size(); ++i) {
    CHECK(ev[i].step == i + 1);
    client = client || ev[i].side == "client";
    server = server || ev[i].side == "server";
  }
  CHECK(client);
  CHECK(server);
  // The ClientHello is sent before the server receives it.
  std::size_t sent = 0, received = 0;
  for (const auto& e : ev)
    if (e.kind == EventKind::message && e.msg_type == 1) {
      if (e.side == "client" && e.direction == core::Direction::sent && !sent) sent = e.step;
      if (e.side == "server" && e.direction == core::Direction::received && !received) received = e.step;
    }
  CHECK(sent > 0);
  CHECK(received > sent);
  // Key schedule labels reach the log (TLS 1.3 names).
  bool hs = false;
  for (const auto& e : ev) hs = hs || (e.kind == EventKind::secret && e.label.find("hs traffic") != std::string::npos) ||
                                (e.kind == EventKind::secret && e.label.find("handshake_traffic") != std::string::npos);
  CHECK(hs);

  inspect::EventLog log;
  inspect::Recorder a(log, "client"), b(log, "server");
  std::thread t1([&] { for (int i = 0; i < 500; ++i) a.on_note("a"); });
  std::thread t2([&] { for (int i = 0; i < 500; ++i) b.on_secret(core::Secret::master_secret, core::as_bytes("k")); });
  t1.join();
  t2.join();
  auto all = log.events();
  REQUIRE(all.size() == 1000);
  for (std::size_t i = 0; i < all.size(); ++i) CHECK(all[i].step == i + 1);
  log.clear();
  CHECK(log.size() == 0);
}

// Writes the sample reports the Chromium test opens (tests/inspect/chromium_test.sh
// sets GLASS_INSPECT_OUT); in the normal run it writes them to the build tree.
TEST_CASE("inspect: sample HTML reports for the browser test") {
  const char* env = std::getenv("GLASS_INSPECT_OUT");
  std::string dir = env ? env : temp_dir();
  for (bool tls12 : {false, true}) {
    auto s = test::record_session(tls12);
    REQUIRE(s->done);
    std::string base = dir + (tls12 ? "/tls12" : "/tls13");
    write_file(base + ".html", inspect::to_html(s->log, test::meta_of(*s)));
    std::string names;
    for (const auto& n : test::message_names(s->log.events())) names += n + "\n";
    write_file(base + ".names", names);
    CHECK(std::filesystem::file_size(base + ".html") > 10000);
    CHECK(names.find("Finished") != std::string::npos);

    // Seeds for fuzz/inspect_dissect.cpp (selector byte + bytes): the first
    // message of each kind as each side sent it, and the first records.
    auto seeds = std::filesystem::path(std::getenv("GLASS_INSPECT_CORPUS") ? std::getenv("GLASS_INSPECT_CORPUS")
                                                                            : dir + "/corpus");
    std::filesystem::create_directories(seeds);
    std::set<std::string> done;
    std::size_t written = 0;
    for (const auto& e : s->log.events()) {
      std::uint8_t sel = tls12 ? 1 : 2;
      if (e.side == "server") sel |= 4;
      core::Bytes out;
      std::string name = std::string(tls12 ? "tls12_" : "tls13_") + e.side + "_";
      if (e.kind == EventKind::message && e.direction == core::Direction::sent) {
        name += inspect::message_label(e.bytes, e.context);
        out = e.bytes;
      } else if (e.kind == EventKind::record && e.direction == core::Direction::sent) {
        if (e.is_protected) sel |= 8;
        sel |= 0x10;
        name += "record_" + std::to_string(e.outer_type) + (e.is_protected ? "_protected" : "");
        out = e.wire;
      } else {
        continue;
      }
      if (!done.insert(name).second || out.size() > 1500) continue;
      out.insert(out.begin(), sel);
      std::ofstream(seeds / name, std::ios::binary).write(reinterpret_cast<const char*>(out.data()),
                                                          static_cast<std::streamsize>(out.size()));
      ++written;
    }
    CHECK(written >= 10);
  }
}

namespace {

std::size_t count(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (auto p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("inspect: HTML ladder has one arrow per transmission; each side's ChangeCipherSpec is its own") {
  auto s = test::record_session(true);
  REQUIRE(s->done);
  auto ev = s->log.events();
  std::size_t sent_msgs = 0, sent_ccs = 0, sent_data = 0;
  for (const auto& e : ev) {
    if (e.direction != core::Direction::sent) continue;
    if (e.kind == EventKind::message) ++sent_msgs;
    if (e.kind == EventKind::record && e.inner_type == 20) ++sent_ccs;
    if (e.kind == EventKind::record && e.inner_type == 23) ++sent_data;
  }
  REQUIRE(sent_ccs == 2);
  std::string html = inspect::to_html(ev, test::meta_of(*s));
  CHECK(count(html, "data-kind=\"message\"") == sent_msgs);
  CHECK(count(html, "data-kind=\"data\"") == sent_data);
  // Byte-identical CCS records: one arrow each way, never both on one side.
  CHECK(count(html, "<a class=\"arrow c2s k-plain\" id=\"arrow-") >= 1);
  std::regex ccs("<a class=\"arrow (c2s|s2c) [^\"]*\"[^>]*data-kind=\"ccs\"");
  std::set<std::string> dirs;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), ccs); it != std::sregex_iterator(); ++it)
    dirs.insert((*it)[1].str());
  CHECK(dirs == std::set<std::string>{"c2s", "s2c"});
  // TLS 1.2 sends the client's certificate in clear, and the page says so.
  CHECK(html.find("in clear: the client's identity is visible") != std::string::npos);
}

TEST_CASE("inspect: HTML takes its step numbers from the narration when given") {
  auto s = test::record_session(false);
  REQUIRE(s->done);
  auto ev = s->log.events();
  inspect::ReportMeta m = test::meta_of(*s);
  // A narration that numbers only the messages, from 101 on.
  unsigned n = 100;
  for (const auto& e : ev)
    if (e.kind == EventKind::message)
      m.narration.push_back({++n, e.step, e.side, "message", "narrated " + std::to_string(n), ""});
  std::string html = inspect::to_html(ev, m);
  CHECK(html.find("data-step=\"101\">101<") != std::string::npos);
  CHECK(html.find("narrated 101") != std::string::npos);
  CHECK(html.find("data-step=\"1\">1<") == std::string::npos);  // no event numbering of its own
  // The ladder shows the same numbers.
  CHECK(html.find("<span class=\"sn\" data-step=\"101\">#101</span>") != std::string::npos);
  // TLS 1.3: the client's certificate travels under the handshake keys.
  CHECK(html.find("encrypted: TLS 1.2 would send the client's identity in clear") != std::string::npos);
  CHECK(html.find("k-hs") != std::string::npos);
  CHECK(html.find("k-app") != std::string::npos);
}

TEST_CASE("inspect: HTML summary shows both identities and the diagnosis") {
  auto s = test::record_session(false);
  REQUIRE(s->done);
  inspect::ReportMeta m = test::meta_of(*s);
  m.client_identity = "CN=alice<x>";
  m.server_identity = "CN=server";
  m.diagnosis = "client: we aborted\nlikely cause: the CA is unknown";
  std::string html = inspect::to_html(s->log, m);
  CHECK(html.find("CN=alice&lt;x&gt;") != std::string::npos);
  CHECK(html.find("CN=server") != std::string::npos);
  CHECK(html.find("<span class=\"lc\">likely cause: the CA is unknown</span>") != std::string::npos);
  CHECK(html.find("The handshake failed.") != std::string::npos);
  // Protection values slot into the record's panel.
  for (const auto& e : s->log.events())
    if (e.kind == EventKind::record && e.is_protected && e.inner_type == 23 && e.direction == core::Direction::sent) {
      m.protection[e.step] = {{"sequence number", "0", ""}, {"nonce", "00aabb", "iv XOR seq"}};
      break;
    }
  html = inspect::to_html(s->log, m);
  CHECK(html.find("<th>sequence number</th>") != std::string::npos);
  CHECK(html.find("iv XOR seq") != std::string::npos);
}

namespace {

// The shape of inspect::RecordCrypto, for the template that reads it.
struct FakeCrypto {
  bool present = true;
  std::uint16_t version = 0x0304;
  std::string aead = "AES-128-GCM";
  std::uint64_t seq = 3;
  core::Bytes write_iv{1, 2}, explicit_nonce, nonce{0xab, 0xcd}, aad{0x17, 0x03, 0x03, 0x00, 0x20},
      inner_plaintext{0x41, 0x16, 0}, ciphertext{9, 9, 9}, tag{0xee, 0xff};
  std::uint8_t inner_type = 22;
  std::size_t padding = 1;
};
struct WithCrypto {
  FakeCrypto crypto;
};
struct WithoutCrypto {};

}  // namespace

TEST_CASE("inspect: HTML protection rows come from the event's crypto values when it has them") {
  WithCrypto ev;
  auto rows = inspect::html::crypto_values(ev, true);
  REQUIRE(rows.size() == 8);
  CHECK(rows[1].value == "3");
  CHECK(rows[3].name == "nonce");
  CHECK(rows[3].value == "abcd");
  CHECK(rows[4].value == "1703030020");
  CHECK(rows[7].value == "eeff");
  auto hidden = inspect::html::crypto_values(ev, false);
  CHECK(hidden[2].value == "(hidden)");  // write IV
  CHECK(hidden[3].value == "(hidden)");  // nonce
  ev.crypto.present = false;
  CHECK(inspect::html::crypto_values(ev, true).empty());
  CHECK(inspect::html::crypto_values(WithoutCrypto{}, true).empty());
}
