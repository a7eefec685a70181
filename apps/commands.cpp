#include "apps/commands.hpp"

namespace glass::apps {

namespace {
int g_exit_code = 0;
}

void set_exit_code(int code) { g_exit_code = code; }
int exit_code() { return g_exit_code; }

const char* exit_status_help() {
  return "Exit status: 0 success; 1 a negative verdict or a failed operation (a certificate "
         "that does not verify, a refused handshake, a FAIL in conform, an unreadable file or "
         "wrong password); 2 a usage error (an unknown or missing option or argument, a value "
         "outside its choices, nothing that could be tested).";
}

void register_all(CLI::App& app) {
  register_demo(app);
  register_client(app);
  register_server(app);
  register_pki(app);
  register_x509(app);
  register_verify(app);
  register_p12(app);
  register_selftest(app);
  register_conform(app);
  register_identity(app);
  register_explain(app);
  for (auto* sub : app.get_subcommands([](CLI::App*) { return true; }))
    sub->footer(exit_status_help());
}

}  // namespace glass::apps
