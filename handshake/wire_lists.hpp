#pragma once
// Lists that several messages and extensions carry: 16-bit code points (cipher suites,
// groups, signature schemes, versions) and DistinguishedNames.
#include <string>
#include <vector>

#include "core/reader.hpp"
#include "core/writer.hpp"

namespace glass::handshake::detail {

// Reads a list with a `len_bytes`-byte length in [min, max]; an odd length is decode_error.
template <class E>
core::Result<std::vector<E>> read_u16_list(core::Reader& r, const char* what,
                                           std::size_t len_bytes, std::size_t min,
                                           std::size_t max) {
  core::Reader list;
  if (len_bytes == 1) {
    GLASS_TRY(list, r.vec8(what, min, max));
  } else {
    GLASS_TRY(list, r.vec16(what, min, max));
  }
  if (list.remaining() % 2 != 0)
    return core::make_error(core::Alert::decode_error,
                            std::string(what) + " has odd length " +
                                std::to_string(list.remaining()) + " at offset " +
                                std::to_string(list.offset()));
  std::vector<E> out;
  out.reserve(list.remaining() / 2);
  while (!list.empty()) {
    GLASS_TRY(auto v, list.u16(what));
    out.push_back(static_cast<E>(v));
  }
  return out;
}

template <class E>
void write_u16_list(core::Writer& w, const std::vector<E>& v, std::size_t len_bytes) {
  auto body = [&] {
    for (auto x : v) w.u16(static_cast<std::uint16_t>(x));
  };
  if (len_bytes == 1)
    w.vec8(body);
  else
    w.vec16(body);
}

// DistinguishedName names<min..2^16-1>, each DER <1..2^16-1> kept raw:
// certificate_authorities (min 3) and the TLS 1.2 CertificateRequest (min 0).
core::Result<std::vector<core::Bytes>> read_distinguished_names(core::Reader& r,
                                                                const char* what,
                                                                std::size_t min);
void write_distinguished_names(core::Writer& w, const std::vector<core::Bytes>& names);

}  // namespace glass::handshake::detail
