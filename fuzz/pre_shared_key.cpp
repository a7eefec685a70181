// Fuzzes the ClientHello pre_shared_key extension (OfferedPsks, RFC 8446 4.2.11)
// and the binder bookkeeping on top of it. Input: the extension body.
// What parses must re-serialise to the same bytes, have one binder per identity,
// and report a binders length that is exactly the tail the binders occupy, so
// truncated_client_hello cuts the message at the right place.
#include <cstdint>
#include <cstdlib>

#include "core/reader.hpp"
#include "handshake/extensions_typed.hpp"
#include "handshake/psk.hpp"

using namespace glass;
using namespace glass::handshake;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const core::ByteView in(data, size);
  core::Reader r(in);
  auto p = OfferedPsks::parse(r);
  if (!p) return 0;
  if (p->identities.size() != p->binders.size() || p->identities.empty()) std::abort();
  const std::size_t consumed = r.position();
  core::Writer w;
  p->serialize(w);
  if (!core::equal(w.buffer(), in.first(consumed))) std::abort();
  const std::size_t binders = p->binders_wire_length();
  if (binders > consumed) std::abort();
  auto cut = tls13::truncated_client_hello(in.first(consumed), *p);
  if (cut && cut->size() != consumed - binders) std::abort();
  if (!cut && consumed >= binders + 4) std::abort();
  return 0;
}
