#include "apps/commands.hpp"

namespace glass::apps {

namespace {
int g_exit_code = 0;
}

void set_exit_code(int code) { g_exit_code = code; }
int exit_code() { return g_exit_code; }

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
}

}  // namespace glass::apps
