#pragma once
// Not part of the public API and never installed: the narrow path by which the
// `glasstls` CLI (apps/) reaches under glass::context / glass::stream for its
// teaching views and reports, which are written against the engine's own types:
//  - the --explain/--json/--html/--vectors renderers are core::Observers that need
//    events the public glass::observer does not carry (record protection details),
//    and --seed replaces the engine's RNG and ephemeral keys (engine_observer,
//    config_hook, copy_context);
//  - the connection summary, the failure report and the "likely cause" diagnosis
//    read the engine's Config and SessionInfo (connection_of).
// Everything else the CLI does goes through include/glasstls. docs/architecture.md.
#include <functional>

#include "core/observer.hpp"
#include "glasstls/context.hpp"
#include "glasstls/detail/engine.hpp"
#include "handshake/config.hpp"
#include "handshake/connection.hpp"

namespace glass::detail {

// The engine of a stream (stream::native_handle()).
const handshake::Connection& connection_of(const engine& e);

// Adds an engine-level observer to every stream made afterwards (not owned; it
// must outlive them). It sees the events after the key log and the user observer.
void set_engine_observer(context& ctx, core::Observer* o);
// Called on each stream's Config last, after everything the context sets.
using config_hook = std::function<void(handshake::Config&)>;
void set_config_hook(context& ctx, config_hook hook);
// A copy of the context's settings (identities, CAs, ticket keys and session cache
// shared), for streams that need their own observer or hook.
context copy_context(const context& ctx);

}  // namespace glass::detail
