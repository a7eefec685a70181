#pragma once
// glasstls under test: a client and a server Connection wired in memory.
#include <cstddef>
#include <memory>

#include "bench/bench.hpp"
#include "handshake/connection.hpp"

namespace glass::bench {

struct GlassEnv {
  handshake::Config client, server;
};
GlassEnv glass_env(const Case& c, const Material& m);

struct GlassPair {
  std::unique_ptr<handshake::Connection> client, server;
  std::size_t wire_bytes = 0;  // handshake bytes both ways
};
// A full handshake; exits the program if it does not complete.
GlassPair glass_connect(const GlassEnv& env);
// One-line summary of what was negotiated (for the setup check).
std::string glass_describe(const GlassPair& p);
// Client → server application data in `chunk`-byte writes; returns bytes moved.
std::size_t glass_transfer(GlassPair& p, std::size_t total, std::size_t chunk);

}  // namespace glass::bench
