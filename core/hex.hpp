#pragma once
// Hex encoding, and a decoder tolerant of the layouts RFCs use for dumps
// (spaces, newlines, colons), so vectors can be pasted as printed.
#include <string>
#include <string_view>

#include "core/bytes.hpp"
#include "core/result.hpp"

namespace glass::core {

std::string to_hex(ByteView b);
// Accepts upper/lower case, ignores whitespace and ':'; odd digit counts are errors.
Result<Bytes> from_hex(std::string_view s);
// For tests and constants known to be valid: aborts on malformed input.
Bytes hex(std::string_view s);

}  // namespace glass::core
