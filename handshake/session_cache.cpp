#include "handshake/session_cache.hpp"

#include <algorithm>

#include "core/reader.hpp"
#include "core/writer.hpp"

namespace glass::handshake {

namespace {
constexpr std::string_view kMagic = "glasstls session 1";
constexpr std::size_t kMaxChain = 16;
}  // namespace

core::Bytes encode_client_session(const ClientSession& s) {
  core::Writer w;
  w.bytes(core::as_bytes(kMagic));
  w.u16(static_cast<std::uint16_t>(s.version));
  w.u16(static_cast<std::uint16_t>(s.suite));
  w.opaque8(s.secret);
  w.u8(s.extended_master_secret ? 1 : 0);
  w.opaque16(s.ticket);
  w.u32(s.lifetime);
  w.u32(s.age_add);
  w.u64(static_cast<std::uint64_t>(s.received_at));
  w.opaque16(core::as_bytes(s.server_name));
  w.opaque16(core::as_bytes(s.alpn_offered));
  w.u8(static_cast<std::uint8_t>(std::min(s.peer_chain.size(), kMaxChain)));
  for (std::size_t i = 0; i < s.peer_chain.size() && i < kMaxChain; ++i) w.opaque24(s.peer_chain[i]);
  return w.release();
}

core::Result<ClientSession> parse_client_session(core::ByteView bytes) {
  core::Reader r(bytes);
  GLASS_TRY(auto magic, r.bytes(kMagic.size(), "session file header"));
  if (!core::equal(magic, core::as_bytes(kMagic)))
    return core::make_error(core::Alert::decode_error, "not a glasstls session file");
  ClientSession s;
  GLASS_TRY(auto v, r.u16("version"));
  s.version = static_cast<ProtocolVersion>(v);
  if (s.version != ProtocolVersion::tls12 && s.version != ProtocolVersion::tls13)
    return core::make_error(core::Alert::decode_error, "session names a version other than TLS 1.2/1.3");
  GLASS_TRY(auto suite, r.u16("cipher suite"));
  s.suite = static_cast<CipherSuite>(suite);
  GLASS_TRY(auto secret, r.opaque8("secret", 32, 64));
  s.secret = core::SecretBytes(secret);
  GLASS_TRY(auto ems, r.u8("extended_master_secret"));
  if (ems > 1) return core::make_error(core::Alert::decode_error, "session extended_master_secret flag is not 0 or 1");
  s.extended_master_secret = ems == 1;
  GLASS_TRY(auto ticket, r.opaque16("ticket", 1, 0xffff));
  s.ticket = core::to_bytes(ticket);
  GLASS_TRY(s.lifetime, r.u32("lifetime"));
  GLASS_TRY(s.age_add, r.u32("age_add"));
  GLASS_TRY(auto at, r.u64("received_at"));
  if (at >= (1ULL << 62)) return core::make_error(core::Alert::decode_error, "session time is out of range");
  s.received_at = static_cast<std::int64_t>(at);
  GLASS_TRY(auto sni, r.opaque16("server name", 0, 255));
  s.server_name.assign(sni.begin(), sni.end());
  GLASS_TRY(auto alpn, r.opaque16("ALPN", 0, 0xffff));
  s.alpn_offered.assign(alpn.begin(), alpn.end());
  GLASS_TRY(auto n, r.u8("chain length"));
  if (n > kMaxChain) return core::make_error(core::Alert::decode_error, "session chain has too many certificates");
  for (unsigned i = 0; i < n; ++i) {
    GLASS_TRY(auto c, r.opaque24("certificate", 1, 0xffffff));
    s.peer_chain.push_back(core::to_bytes(c));
  }
  GLASS_CHECK(r.expect_end("session file"));
  return s;
}

std::string session_key(const std::string& server_name, const std::vector<std::string>& alpn) {
  std::string key = server_name + '\n';
  for (std::size_t i = 0; i < alpn.size(); ++i) key += (i ? "," : "") + alpn[i];
  return key;
}

void ClientSessionCache::add(ClientSession s) {
  std::lock_guard lock(mu_);
  std::string key = s.server_name + '\n' + s.alpn_offered;
  auto& list = by_key_[key];
  list.push_back(std::move(s));
  while (list.size() > max_per_server) list.pop_front();
  order_.erase(std::remove(order_.begin(), order_.end(), key), order_.end());
  order_.push_back(key);
  while (order_.size() > max_servers) {
    by_key_.erase(order_.front());
    order_.pop_front();
  }
}

std::optional<ClientSession> ClientSessionCache::take(const std::string& key, std::int64_t now) {
  std::lock_guard lock(mu_);
  auto it = by_key_.find(key);
  if (it == by_key_.end()) return std::nullopt;
  auto& list = it->second;
  std::optional<ClientSession> out;
  while (!list.empty()) {
    ClientSession s = std::move(list.back());
    list.pop_back();
    if (!s.expired(now)) {
      out = std::move(s);
      break;
    }
  }
  return out;
}

std::optional<ClientSession> ClientSessionCache::newest(const std::string& key, std::int64_t now) const {
  std::lock_guard lock(mu_);
  auto it = by_key_.find(key);
  if (it == by_key_.end()) return std::nullopt;
  for (auto s = it->second.rbegin(); s != it->second.rend(); ++s)
    if (!s->expired(now)) return *s;
  return std::nullopt;
}

std::size_t ClientSessionCache::size() const {
  std::lock_guard lock(mu_);
  std::size_t n = 0;
  for (auto& [k, v] : by_key_) n += v.size();
  return n;
}

}  // namespace glass::handshake
