// The key schedule as a tree: every secret once (both sides derive the same
// value; a side that got a different one shows as a separate, flagged node),
// under the secret its formula starts from, with inputs, output, the openssl
// command that reproduces it and the record keys expanded from it.
#include <cctype>

#include "core/hex.hpp"
#include "inspect/html_parts.hpp"

namespace glass::inspect::html {

namespace {

struct Node {
  std::string label, value;  // value: hex, or "(hidden)"
  std::vector<const Event*> events;
  const WorkShown* work = nullptr;
  std::vector<const WorkShown*> keys;  // "<label> key", "<label> iv"
  int parent = -1;
  std::vector<std::size_t> children;
  bool odd = false;  // an earlier node has the same label and another value
};

// Position of `word` in `text` as a whole identifier, or npos.
std::size_t word_at(const std::string& text, const std::string& word) {
  auto ident = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  for (std::size_t p = text.find(word); p != std::string::npos; p = text.find(word, p + 1)) {
    bool left = p == 0 || !ident(text[p - 1]);
    bool right = p + word.size() >= text.size() || !ident(text[p + word.size()]);
    if (left && right) return p;
  }
  return std::string::npos;
}

std::vector<Node> collect(const Model& m) {
  std::vector<Node> nodes;
  for (const auto& ev : *m.events) {
    if (ev.kind != EventKind::secret || ev.secret == core::Secret::certificate_verify_content) continue;
    std::string v = m.meta->show_secrets ? core::to_hex(ev.value.view()) : "(hidden)";
    Node* n = nullptr;
    bool same_label = false;
    for (auto& x : nodes) {
      if (x.events.front()->secret != ev.secret) continue;
      same_label = true;
      if (x.value == v && (m.meta->show_secrets || x.events.back()->side != ev.side)) n = &x;
    }
    if (!n) {
      nodes.push_back({ev.label, v, {}, nullptr, {}, -1, {}, same_label});
      n = &nodes.back();
    }
    n->events.push_back(&ev);
    auto it = m.meta->work.find(ev.step);
    if (it == m.meta->work.end()) continue;
    for (const auto& w : it->second) {
      if (!w.secret) continue;
      if (*w.secret == ev.secret && !n->work) n->work = &w;
      const bool record_key = core::is_record_key(*w.secret) || core::is_record_iv(*w.secret);
      if (record_key && core::traffic_secret_of(*w.secret) == ev.secret && n->keys.size() < 2 && n->work)
        n->keys.push_back(&w);
    }
  }
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (!nodes[i].work) continue;
    std::size_t best = std::string::npos;
    for (std::size_t j = 0; j < i; ++j) {
      std::size_t p = word_at(nodes[i].work->formula, nodes[j].label);
      if (p < best) {
        best = p;
        nodes[i].parent = static_cast<int>(j);
      }
    }
    if (nodes[i].parent >= 0) nodes[static_cast<std::size_t>(nodes[i].parent)].children.push_back(i);
  }
  return nodes;
}

std::string node_html(const Model& m, const std::vector<Node>& nodes, std::size_t i) {
  const Node& n = nodes[i];
  std::string out = "<li><div class=\"node" + std::string(n.odd ? " bad" : "") + "\"><div class=\"nhead\"><code class=\"klabel\">" +
                    e(n.label) + "</code>";
  for (const Event* ev : n.events)
    out += "<span class=\"sn\">" + e(ev->side) + " " + e(m.step_tag(ev->step)) + "</span>";
  if (n.odd) out += "<span class=\"err\">another value under the same label: a later generation, or the sides disagree</span>";
  out += "</div>";
  if (n.work) {
    out += "<div class=\"formula\">= " + e(n.work->formula) + "</div>";
    if (!n.work->checked) out += "<div class=\"err\">our recomputation does NOT match the engine's value</div>";
    if (m.meta->show_secrets && !n.work->inputs.empty()) {
      out += "<table class=\"kv\">";
      for (const auto& [name, hex] : n.work->inputs)
        out += "<tr><th>" + e(name) + "</th><td><code class=\"hexv\">" + e(hex) + "</code></td></tr>";
      out += "</table>";
    }
  } else if (n.events.front()->secret == core::Secret::ecdhe_shared_secret ||
             n.events.front()->secret == core::Secret::pre_master_secret) {
    out += "<div class=\"formula\">= the (EC)DH of our ephemeral private key and the peer's key share</div>";
  }
  out += "<table class=\"kv\"><tr><th>value</th><td><code class=\"hexv\">" + e(n.value) + "</code></td></tr></table>";
  if (n.work && m.meta->show_secrets && !n.work->command.empty())
    out += "<pre class=\"cmd\">check: $ " + e(n.work->command) + "\nexpect: " + e(n.work->output) + "</pre>";
  for (const WorkShown* k : n.keys) {
    bool own_node = false;  // the engine reported it too: shown as a child node
    for (std::size_t c : n.children) own_node = own_node || nodes[c].events.front()->secret == *k->secret;
    if (!own_node) out += work_html(*k, m.meta->show_secrets);
  }
  out += "</div>";
  if (!n.children.empty()) {
    out += "<ul class=\"ktree\">";
    for (std::size_t c : n.children) out += node_html(m, nodes, c);
    out += "</ul>";
  }
  return out + "</li>";
}

}  // namespace

std::string key_schedule_html(const Model& m) {
  auto nodes = collect(m);
  if (nodes.empty()) return "<p class=\"muted\">No secret was reported.</p>";
  std::string out = "<ul class=\"ktree root\" id=\"keys\">";
  for (std::size_t i = 0; i < nodes.size(); ++i)
    if (nodes[i].parent < 0) out += node_html(m, nodes, i);
  return out + "</ul>";
}

}  // namespace glass::inspect::html
