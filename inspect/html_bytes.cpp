// Annotated bytes: the field tree beside the hex, each byte carrying the id of
// the deepest field covering it, so hovering either one highlights both.
#include <cstdio>

#include "core/hex.hpp"
#include "inspect/html_parts.hpp"

namespace glass::inspect::html {

namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

void number(const Field& f, std::vector<const Field*>& out) {
  out.push_back(&f);
  for (const auto& c : f.children) number(c, out);
}

bool inside(const Field& f, core::ByteView bytes) {
  return f.length > 0 && f.offset <= bytes.size() && f.length <= bytes.size() - f.offset;
}

std::string fid(const std::string& prefix, std::size_t id) {
  return "c" + std::to_string(id % 6) + "\" data-f=\"" + prefix + std::to_string(id);
}

void tree_html(const Field& f, core::ByteView bytes, const std::string& prefix, std::size_t& next,
               std::string& out) {
  std::size_t id = next++;
  const bool err = f.name == "error";
  char rng[48];
  if (f.length == 0)
    std::snprintf(rng, sizeof rng, "%04zx", f.offset);
  else
    std::snprintf(rng, sizeof rng, "%04zx-%04zx", f.offset, f.offset + f.length - 1);
  out += "<li><span class=\"fl\"><span class=\"rng " + fid(prefix, id) + "\">" + rng + "</span> <b" +
         (err ? " class=\"err\"" : "") + ">" + e(f.name) + "</b>";
  if (!f.value.empty()) out += " <span class=\"val" + std::string(err ? " err" : "") + "\">" + e(f.value) + "</span>";
  if (f.children.empty() && inside(f, bytes)) {
    auto part = bytes.subspan(f.offset, f.length);
    out += " <span class=\"hx\">" + spaced_hex(part.first(std::min<std::size_t>(part.size(), 24))) +
           (part.size() > 24 ? " … (" + std::to_string(part.size()) + " bytes)" : "") + "</span>";
  }
  if (!f.note.empty()) out += " <span class=\"nt\">" + e(f.note) + "</span>";
  out += "</span>";
  if (!f.children.empty()) {
    out += "<ul class=\"tree\">";
    for (const auto& c : f.children) tree_html(c, bytes, prefix, next, out);
    out += "</ul>";
  }
  out += "</li>";
}

std::string hex_rows(const Field& root, core::ByteView bytes, const std::string& prefix) {
  std::vector<const Field*> all;
  number(root, all);
  std::vector<std::size_t> owner(bytes.size(), kNone);
  for (std::size_t id = 0; id < all.size(); ++id)
    if (inside(*all[id], bytes))
      for (std::size_t i = 0; i < all[id]->length; ++i) owner[all[id]->offset + i] = id;
  std::string out = "<pre class=\"hex\">";
  for (std::size_t row = 0; row < bytes.size(); row += 16) {
    char off[16];
    std::snprintf(off, sizeof off, "%04zx", row);
    out += std::string("<span class=\"off\">") + off + "</span> ";
    std::size_t end = std::min(bytes.size(), row + 16);
    for (std::size_t i = row; i < end;) {
      std::size_t id = owner[i], j = i;
      while (j < end && owner[j] == id) ++j;
      std::string hx = spaced_hex(bytes.subspan(i, j - i));
      if (id == kNone)
        out += hx;
      else
        out += "<span class=\"" + fid(prefix, id) + "\" title=\"" + e(all[id]->name) + "\">" + hx + "</span>";
      if (j < end) out += ' ';
      i = j;
    }
    out += "\n";
  }
  return out + "</pre>";
}

}  // namespace

std::string spaced_hex(core::ByteView b) {
  std::string h = core::to_hex(b), out;
  for (std::size_t i = 0; i < h.size(); i += 2) {
    if (i) out += ' ';
    out += h.substr(i, 2);
  }
  return out;
}

std::string dissect_html(const Field& root, core::ByteView bytes, const std::string& prefix) {
  std::string out = "<div class=\"dissect\"><ul class=\"tree top\">";
  std::size_t next = 0;
  tree_html(root, bytes, prefix, next, out);
  out += "</ul>" + hex_rows(root, bytes, prefix) + "</div>";
  return out;
}

}  // namespace glass::inspect::html
