// glasstls command line: one subcommand per file (apps/cmd_*.cpp), registered here.
#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include "apps/commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"glasstls: a transparent TLS 1.2/1.3 implementation centred on mutual TLS"};
  app.require_subcommand(0, 1);
  bool version = false;
  app.add_flag("--version", version, "Print the version and exit");

  glass::apps::register_all(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
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
