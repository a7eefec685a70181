#pragma once
// Plain-text rendering of a field tree, one line per field:
//   [0004-0005] legacy_version  TLS 1.2 (0x0303)  03 03   -- kept for middleboxes
#include <cstddef>
#include <string>

#include "core/bytes.hpp"
#include "inspect/field.hpp"

namespace glass::inspect {

struct TextStyle {
  bool colour = false;        // ANSI colours for a terminal
  std::size_t max_hex = 16;   // fields longer than this show "… (N bytes)"
  bool notes = true;          // print the plain-words note
};

// `bytes` are the bytes the tree was dissected from (for the hex column); an
// empty view prints no hex. Ranges outside `bytes` are never read.
std::string render_tree(const Field& f, core::ByteView bytes, const TextStyle& style = {});

// Classic 16-bytes-a-row hex dump with offsets (for ciphertext and plaintext).
std::string hex_dump(core::ByteView bytes, std::size_t base_offset = 0);

}  // namespace glass::inspect
