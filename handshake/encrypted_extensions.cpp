#include "handshake/encrypted_extensions.hpp"

namespace glass::handshake {

core::Result<EncryptedExtensions> EncryptedExtensions::parse(core::Reader& r) {
  GLASS_TRY(auto exts, Extensions::parse(r, ExtensionContext::encrypted_extensions));
  GLASS_CHECK(r.expect_end("EncryptedExtensions"));
  return EncryptedExtensions{std::move(exts)};
}

core::Result<EndOfEarlyData> EndOfEarlyData::parse(core::Reader& r) {
  GLASS_CHECK(r.expect_end("EndOfEarlyData"));
  return EndOfEarlyData{};
}

}  // namespace glass::handshake
