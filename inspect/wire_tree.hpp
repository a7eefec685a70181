#pragma once
// Field trees from the real parsers: a parser runs over a core::Reader with a
// FieldRecorder attached, and what it read becomes Field nodes here. The
// parsers name the fields; inspect only adds meanings (display names where the
// parser's differ, value names such as cipher suites, and notes).
#include <cstdint>
#include <string>

#include "core/field_recorder.hpp"
#include "core/reader.hpp"
#include "inspect/field.hpp"

namespace glass::inspect::detail {

using core::FieldRecorder;
using core::RecordedField;

// The recorded field `i` and everything under it as a Field: scalars with
// their value named (suites, groups, ...), opaque blocks as "N bytes" with a
// "length" child and a "bytes" child, vectors with a "length" child and their
// items, failures as "error" nodes. `data` holds the parsed bytes, starting at
// offset `base`; `context` (the message or extension parsed) picks the notes.
Field convert_recorded(const FieldRecorder& rec, std::size_t i, core::ByteView data,
                       std::size_t base, std::string_view context);
// Every recorded field directly under `parent`, converted and appended to `out`.
void add_recorded(const FieldRecorder& rec, std::size_t parent, core::ByteView data,
                  std::size_t base, Field& out, std::string_view context);
// The node an "error" child gets: what went wrong, where.
Field error_node(std::size_t off, std::string reason);

// The name inspect shows for a recorded field (the parser's, or a clearer one).
std::string display_name(const RecordedField& f);
// Where reading `f` stopped: its end, or for a block cut short the end of its
// length prefix (what a parser consumed before failing).
std::size_t read_end(const Field& f);
// Child of `f` named `name` (direct children only), or nullptr.
Field* child_named(Field& f, std::string_view name);

}  // namespace glass::inspect::detail
