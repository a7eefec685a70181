#pragma once
// Validation profiles. standard: RFC 5280 plus the TLS rules (a leaf needs
// digitalSignature, RFC 8446 4.4.2.2). strict adds the CA/Browser Forum
// Baseline Requirements checks browsers' validators make. The table of rules
// per profile is in x509/README.md.
#include <cstdint>
#include <optional>
#include <string_view>

namespace glass::x509 {

enum class Profile : std::uint8_t { standard, strict };

// "default" / "strict": the spelling of `--profile`.
std::string_view profile_name(Profile p);
std::optional<Profile> parse_profile(std::string_view text);

}  // namespace glass::x509
