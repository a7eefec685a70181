#include "apps/commands.hpp"

namespace glass::apps {

namespace {
int g_exit_code = 0;
}

void set_exit_code(int code) { g_exit_code = code; }
int exit_code() { return g_exit_code; }

void register_all(CLI::App& app) { register_selftest(app); }

}  // namespace glass::apps
