#include "x509/recent_certificates.hpp"

#include <array>
#include <cstring>

namespace glass::x509 {

namespace {

struct Recent {
  std::array<std::shared_ptr<const ParsedCertificate>, recent_certificates_kept> slots;
  std::size_t next = 0;  // the slot replaced next (the oldest)
};

Recent& recent() {
  thread_local Recent r;
  return r;
}

}  // namespace

std::shared_ptr<const ParsedCertificate> recall_certificate(ByteView der) {
  if (der.empty() || der.size() > recent_certificate_max_bytes) return nullptr;
  for (const auto& slot : recent().slots) {
    if (!slot) continue;
    const ByteView kept = slot->cert.der();
    if (kept.size() == der.size() && std::memcmp(kept.data(), der.data(), der.size()) == 0)
      return slot;
  }
  return nullptr;
}

void remember_certificate(std::shared_ptr<const ParsedCertificate> parsed) {
  if (!parsed || parsed->cert.der().size() > recent_certificate_max_bytes) return;
  Recent& r = recent();
  r.slots[r.next] = std::move(parsed);
  r.next = (r.next + 1) % r.slots.size();
}

void forget_recent_certificates() {
  Recent& r = recent();
  for (auto& slot : r.slots) slot.reset();
  r.next = 0;
}

}  // namespace glass::x509
