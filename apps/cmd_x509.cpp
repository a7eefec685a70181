// `glasstls x509 FILE [--offsets]`: what `openssl x509 -text` shows, read with
// our own parser, plus the byte range of every field for teaching.
#include <fmt/core.h>

#include "apps/commands.hpp"
#include "x509/certificate_file.hpp"
#include "x509/certificate_text.hpp"

namespace glass::apps {

namespace {

int run_x509(const std::string& path, bool offsets) {
  auto certs = x509::load_certificate_file(path);
  if (!certs) {
    fmt::print(stderr, "error: {}\n", certs.error().reason);
    return 1;
  }
  bool first = true;
  for (const auto& c : *certs) {
    if (!first) fmt::print("\n");
    first = false;
    fmt::print("{}", x509::to_text(c));
    if (offsets) fmt::print("{}", x509::offsets_text(c));
  }
  return 0;
}

}  // namespace

void register_x509(CLI::App& app) {
  auto* cmd = app.add_subcommand("x509", "Show the fields of X.509 certificates (PEM or DER)");
  static std::string file;
  static bool offsets = false;
  cmd->add_option("FILE", file, "Certificate file (PEM, possibly several, or DER)")->required();
  cmd->add_flag("--offsets", offsets, "Also show the byte range of every field");
  cmd->callback([] { set_exit_code(run_x509(file, offsets)); });
}

}  // namespace glass::apps
