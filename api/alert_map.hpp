#pragma once
// The engine's alerts (core::Alert) in the public API's terms (glass::alert).
#include "core/alert.hpp"
#include "glasstls/error.hpp"

namespace glass::detail {

// Every alert the engine knows has its own public value, with the same number
// and name; a number outside the registry (a peer's) keeps its value.
alert public_alert(core::Alert a) noexcept;

}  // namespace glass::detail
