// Fuzzes the UTF-8 -> BMPString conversion of PKCS#12 passwords (crypto/kdf.cpp).
// Accepted input must round-trip: decoding the BMPString (minus its 00 00
// terminator) back to UTF-8 gives exactly the input, which proves the decoder
// accepted only well-formed, shortest-form UTF-8 inside the BMP.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "crypto/kdf.hpp"

using namespace glass;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  auto bmp = crypto::pkcs12_password(in);
  if (!bmp) {
    if (bmp.error().alert != core::Alert::illegal_parameter) std::abort();
    return 0;
  }
  const auto& b = *bmp;
  if (b.size() % 2 != 0 || b.size() < 2 || b[b.size() - 1] != 0 || b[b.size() - 2] != 0)
    std::abort();
  std::string back;
  for (std::size_t i = 0; i + 2 < b.size(); i += 2) {
    const unsigned cp = (unsigned(b[i]) << 8) | b[i + 1];
    if (cp >= 0xd800 && cp <= 0xdfff) std::abort();  // surrogates never come out
    if (cp < 0x80) {
      back += static_cast<char>(cp);
    } else if (cp < 0x800) {
      back += static_cast<char>(0xc0 | (cp >> 6));
      back += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
      back += static_cast<char>(0xe0 | (cp >> 12));
      back += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
      back += static_cast<char>(0x80 | (cp & 0x3f));
    }
  }
  if (back != in) std::abort();
  return 0;
}
