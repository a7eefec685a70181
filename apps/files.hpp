#pragma once
// Writing whole files, with errors that name the file (reading: x509::read_file).
#include <string>

#include "core/bytes.hpp"
#include "core/result.hpp"

namespace glass::apps {

// private_file (keys, .p12): mode 0600 from creation, written to a temporary file
// in the same folder and renamed into place; a symbolic link at path is refused.
core::Status write_file(const std::string& path, core::ByteView data, bool private_file = false);

}  // namespace glass::apps
