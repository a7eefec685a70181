#pragma once
// `glasstls client --sess-out FILE / --sess-in FILE`: a resumable session (ticket
// and the secret it resumes) saved to and loaded from a file, as openssl s_client
// -sess_out/-sess_in do. The file holds a secret: created 0600, replaced atomically.
#include <string>

#include "core/result.hpp"
#include "glasstls/session.hpp"

namespace glass::apps {

// Writes s to path: a new file created with O_EXCL and mode 0600 beside it, then
// renamed over path (so a reader never sees half a file, and a symlink at path is
// replaced, not followed).
core::Status save_session(const std::string& path, const glass::session& s);
// Reads and parses a session file; errors name the file and the problem.
core::Result<glass::session> load_session(const std::string& path);

}  // namespace glass::apps
