#pragma once
// The answers a learner gives at a `--step` pause: Enter = next step, m = run to
// the next handshake message, c = continue to the end without pausing, q = quit.
// Reading them from a terminal is the program's business (apps/step_keys.hpp);
// the Narrator asks for one through NarratorOptions::read_key.
namespace glass::teach {

enum class StepKey { next_step, next_message, run_to_end, quit };

}  // namespace glass::teach
