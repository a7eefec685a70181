// The event log as JSON (schema: inspect/schema/events.schema.json).
#include <string>

#include "core/hex.hpp"
#include "inspect/report.hpp"

namespace glass::inspect {

namespace {

std::string q(std::string_view s) { return "\"" + json_escape(s) + "\""; }

void field_json(const Field& f, std::string& out) {
  out += "{\"name\":" + q(f.name) + ",\"offset\":" + std::to_string(f.offset) +
         ",\"length\":" + std::to_string(f.length) + ",\"value\":" + q(f.value) +
         ",\"note\":" + q(f.note) + ",\"children\":[";
  for (std::size_t i = 0; i < f.children.size(); ++i) {
    if (i) out += ',';
    field_json(f.children[i], out);
  }
  out += "]}";
}

std::string direction(core::Direction d) { return q(core::direction_name(d)); }

// The sequence number as the 12 bytes it is XORed with (RFC 8446 5.3).
std::string seq_padded(std::uint64_t seq) {
  core::Bytes b(12, 0);
  for (int i = 0; i < 8; ++i) b[static_cast<std::size_t>(11 - i)] = static_cast<std::uint8_t>(seq >> (8 * i));
  return core::to_hex(b);
}

std::string protection_json(const RecordCrypto& c, bool secrets) {
  auto h = [](const core::Bytes& b) { return q(core::to_hex(b)); };
  return ",\"protection\":{\"version\":" + q(c.version == 0x0304 ? "TLS 1.3" : "TLS 1.2") +
         ",\"aead\":" + q(c.aead) + ",\"seq\":" + std::to_string(c.seq) +
         ",\"seq_padded\":" + q(seq_padded(c.seq)) +
         ",\"write_iv\":" + (secrets ? h(c.write_iv) : q("(hidden)")) +
         ",\"explicit_nonce\":" + h(c.explicit_nonce) +
         ",\"nonce\":" + (secrets ? h(c.nonce) : q("(hidden)")) + ",\"aad\":" + h(c.aad) +
         ",\"inner_plaintext\":" + h(c.inner_plaintext) +
         ",\"inner_type\":" + std::to_string(c.inner_type) +
         ",\"padding\":" + std::to_string(c.padding) + ",\"ciphertext\":" + h(c.ciphertext) +
         ",\"tag\":" + h(c.tag) + "}";
}

}  // namespace

std::string field_to_json(const Field& f) {
  std::string out;
  field_json(f, out);
  return out;
}

std::string to_json(const EventLog& log, const ReportMeta& meta) { return to_json(log.events(), meta); }

std::string to_json(const std::vector<Event>& events, const ReportMeta& meta) {
  std::string out = "{\"format\":\"glasstls-events\",\"format_version\":1,\"meta\":{";
  out += "\"title\":" + q(meta.title) + ",\"version\":" + q(meta.version) + ",\"suite\":" + q(meta.suite) +
         ",\"group\":" + q(meta.group) + ",\"identities\":" + q(meta.identities) +
         ",\"secrets_shown\":" + (meta.show_secrets ? "true" : "false") + ",\"extra\":[";
  for (std::size_t i = 0; i < meta.extra.size(); ++i) {
    if (i) out += ',';
    out += "{\"label\":" + q(meta.extra[i].first) + ",\"value\":" + q(meta.extra[i].second) + "}";
  }
  out += "]},\"events\":[";
  bool first = true;
  for (const auto& e : events) {
    if (!first) out += ",\n";
    first = false;
    out += "{\"step\":" + std::to_string(e.step) + ",\"side\":" + q(e.side) + ",\"kind\":" +
           q(kind_name(e.kind)) + ",\"title\":" + q(event_title(e));
    switch (e.kind) {
      case EventKind::message:
        out += ",\"direction\":" + direction(e.direction) + ",\"message\":{\"type\":" +
               std::to_string(e.msg_type) + ",\"name\":" + q(message_label(e.bytes, e.context)) +
               ",\"version\":" + q(version_label(e.context.version)) + ",\"sender\":" +
               q(sender_label(e.context.sender)) + ",\"hex\":" + q(core::to_hex(e.bytes)) + ",\"tree\":";
        field_json(event_tree(e), out);
        out += "}";
        break;
      case EventKind::record: {
        out += ",\"direction\":" + direction(e.direction) + ",\"record\":{\"outer_type\":" +
               std::to_string(e.outer_type) + ",\"inner_type\":" + std::to_string(e.inner_type) +
               ",\"content_type\":" + q(content_type_label(e.inner_type)) +
               ",\"protected\":" + (e.is_protected ? "true" : "false") + ",\"wire_hex\":" +
               q(core::to_hex(e.wire)) + ",\"plaintext_hex\":" + q(core::to_hex(e.plaintext)) + ",\"tree\":";
        field_json(event_tree(e), out);
        out += ",\"plaintext_tree\":";
        field_json(dissect_plaintext(e.inner_type, e.plaintext, e.context), out);
        if (e.crypto.present) out += protection_json(e.crypto, meta.show_secrets);
        out += "}";
        break;
      }
      case EventKind::state:
        out += ",\"state\":{\"from\":" + q(e.from) + ",\"event\":" + q(e.event) + ",\"to\":" + q(e.to) + "}";
        break;
      case EventKind::secret:
        out += ",\"secret\":{\"label\":" + q(e.label) + ",\"length\":" + std::to_string(e.value.size()) +
               ",\"value\":" + q(meta.show_secrets ? core::to_hex(e.value.view()) : "(hidden)") + "}";
        break;
      case EventKind::alert:
        out += ",\"direction\":" + direction(e.direction) + ",\"alert\":{\"level\":" +
               q(core::alert_level_name(e.level)) + ",\"description\":" + q(core::alert_name(e.alert)) +
               ",\"code\":" + std::to_string(static_cast<unsigned>(e.alert)) + "}";
        break;
      case EventKind::note:
        out += ",\"text\":" + q(e.text);
        break;
    }
    out += "}";
  }
  out += "]}\n";
  return out;
}

}  // namespace glass::inspect
