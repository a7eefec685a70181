#pragma once
// Each subcommand registers itself on the CLI11 app and records its exit code.
#include <CLI/CLI.hpp>

namespace glass::apps {

// Exit status of every command: 0 success, 1 a negative verdict or a failed
// operation, 2 a usage error. exit_status_help() is the --help footer saying so.
inline constexpr int kExitOk = 0, kExitVerdict = 1, kExitUsage = 2;
const char* exit_status_help();

void register_all(CLI::App& app);
void set_exit_code(int code);
int exit_code();

void register_selftest(CLI::App& app);
void register_p12(CLI::App& app);
void register_x509(CLI::App& app);
void register_verify(CLI::App& app);
void register_client(CLI::App& app);
void register_server(CLI::App& app);
void register_pki(CLI::App& app);
void register_demo(CLI::App& app);
void register_conform(CLI::App& app);
void register_identity(CLI::App& app);
void register_explain(CLI::App& app);

}  // namespace glass::apps
