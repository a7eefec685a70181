// Fuzzes session-ticket opening and the formats around it (handshake/ticket.cpp,
// handshake/session_cache.cpp). The first byte picks what the rest is:
//   0: a ticket from the network, opened with a fixed ticket key;
//   1: a ticket plaintext: if it parses, it must seal and open back to the same
//      encoding, and the sealed ticket with any one bit flipped must not open;
//   2: a client session file: if it parses, it must re-encode to the same bytes.
// Besides "no crash, no OOB read, no exception".
#include <cstdint>
#include <cstdlib>

#include "core/bytes.hpp"
#include "handshake/session_cache.hpp"
#include "handshake/ticket.hpp"

using namespace glass;

namespace {
constexpr std::int64_t kNow = 1767225600;

handshake::TicketKeys& keys() {
  static crypto::SeededRng rng(0x7469636b);
  static handshake::TicketKeys k(3600, &rng);
  return k;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const core::ByteView in(data + 1, size - 1);
  switch (data[0] % 3) {
    case 0: {
      (void)keys().open(in, kNow);
      break;
    }
    case 1: {
      auto t = handshake::parse_ticket_plaintext(in);
      if (!t) break;
      auto enc = handshake::encode_ticket_plaintext(*t);
      if (!core::equal(enc, in)) std::abort();
      auto sealed = keys().seal(*t, kNow);
      auto back = keys().open(sealed, kNow);
      if (!back || !core::equal(handshake::encode_ticket_plaintext(*back), enc)) std::abort();
      sealed[(in.size() * 7) % sealed.size()] ^= 0x10;
      if (keys().open(sealed, kNow)) std::abort();
      break;
    }
    default: {
      auto s = handshake::parse_client_session(in);
      if (s && !core::equal(handshake::encode_client_session(*s), in)) std::abort();
      break;
    }
  }
  return 0;
}
