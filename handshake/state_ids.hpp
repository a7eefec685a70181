#pragma once
// Each engine's own State as the core::HandshakeState its transitions report.
#include "core/events.hpp"
#include "handshake/client_engine.hpp"
#include "handshake/server_engine.hpp"

namespace glass::handshake {

core::HandshakeState state_id(ClientEngine::State s);
core::HandshakeState state_id(ServerEngine::State s);

}  // namespace glass::handshake
