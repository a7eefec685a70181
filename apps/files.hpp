#pragma once
// Reading and writing whole files, with errors that name the file.
#include <string>

#include "core/bytes.hpp"
#include "core/result.hpp"

namespace glass::apps {

core::Result<core::Bytes> read_file(const std::string& path);
core::Status write_file(const std::string& path, core::ByteView data, bool private_file = false);

}  // namespace glass::apps
