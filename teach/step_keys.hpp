#pragma once
// The keys `--step` answers to, read one at a time from the terminal on stdin
// (no Enter needed after m, c or q): Enter = next step, m = run to the next
// handshake message, c = continue to the end without pausing, q = quit.
namespace glass::apps {

enum class StepKey { next_step, next_message, run_to_end, quit };

// Blocks for one key. End of input counts as run_to_end.
StepKey read_step_key();

}  // namespace glass::apps
