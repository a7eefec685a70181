#include "capture/keylog_file.hpp"

#include <fstream>
#include <sstream>

#include "core/hex.hpp"

namespace glass::capture {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

std::string_view next_word(std::string_view& s) {
  s = trim(s);
  auto sp = s.find_first_of(" \t");
  std::string_view w = s.substr(0, sp);
  s = sp == std::string_view::npos ? std::string_view() : s.substr(sp);
  return w;
}

}  // namespace

KeyLog KeyLog::parse(std::string_view text) {
  KeyLog log;
  std::size_t line_no = 0;
  while (!text.empty()) {
    auto nl = text.find('\n');
    std::string_view line = trim(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    std::string_view rest = line;
    std::string_view label = next_word(rest), random = next_word(rest), secret = next_word(rest);
    auto r = core::from_hex(random);
    auto s = core::from_hex(secret);
    std::string why;
    if (label.empty() || secret.empty() || !trim(rest).empty()) why = "not three fields";
    else if (!r || r->size() != 32) why = "the client random is not 32 bytes of hex";
    else if (!s || s->empty() || s->size() > 64) why = "the secret is not 1..64 bytes of hex";
    if (!why.empty()) {
      if (log.bad_++ == 0) log.first_bad_ = "line " + std::to_string(line_no) + ": " + why;
      continue;
    }
    log.by_random_[*r][std::string(label)] = core::SecretBytes(std::move(*s));
    ++log.count_;
  }
  return log;
}

core::Result<KeyLog> KeyLog::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::make_error(core::Alert::internal_error, "cannot open the key log " + path);
  std::string text(max_file_size + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > max_file_size)
    return core::make_error(core::Alert::internal_error,
                            "the key log " + path + " is larger than " +
                                std::to_string(max_file_size >> 20) + " MiB");
  KeyLog log = parse(text);
  core::secure_wipe(text);
  return log;
}

const core::SecretBytes* KeyLog::find(core::ByteView client_random, std::string_view label) const {
  auto it = by_random_.find(core::to_bytes(client_random));
  if (it == by_random_.end()) return nullptr;
  auto jt = it->second.find(label);
  return jt == it->second.end() ? nullptr : &jt->second;
}

std::string KeyLog::labels_for(core::ByteView client_random) const {
  auto it = by_random_.find(core::to_bytes(client_random));
  std::string out;
  if (it == by_random_.end()) return out;
  for (const auto& [label, value] : it->second) out += (out.empty() ? "" : ", ") + label;
  return out;
}

}  // namespace glass::capture
