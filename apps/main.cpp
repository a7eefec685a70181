// glasstls command line: one subcommand per file (apps/cmd_*.cpp), registered here.
#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include "apps/commands.hpp"

using glass::apps::kExitUsage;

int main(int argc, char** argv) {
  CLI::App app{"glasstls: a transparent TLS 1.2/1.3 implementation centred on mutual TLS"};
  app.require_subcommand(0, 1);
  bool version = false;
  app.add_flag("--version", version, "Print the version and exit");

  glass::apps::register_all(app);
  app.footer(glass::apps::exit_status_help());

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help answers 0; every parse error (unknown or missing option, a value
    // outside its choices) is a usage error: 2, whatever CLI11's own code.
    return app.exit(e) == 0 ? 0 : kExitUsage;
  }
  if (version) {
    fmt::print("glasstls {}\n", GLASS_VERSION);
    return 0;
  }
  if (app.get_subcommands().empty()) {
    fmt::print("{}", app.help());
    return 0;
  }
  return glass::apps::exit_code();
}
