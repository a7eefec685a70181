#pragma once
// glass::observer: override the events you want (records, handshake messages,
// state transitions, secrets, alerts, notes) and hand it to
// context::set_observer. This is the engine's own interface (core/observer.hpp).
#include "core/observer.hpp"
#include "glasstls/context.hpp"
