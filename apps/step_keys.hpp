#pragma once
// The keys `--step` answers to, read one at a time from the terminal on stdin
// (no Enter needed after m, c or q); what each means: teach/step_keys.hpp.
#include "teach/step_keys.hpp"

namespace glass::apps {

// Blocks for one key. End of input counts as run_to_end.
teach::StepKey read_step_key();

}  // namespace glass::apps
