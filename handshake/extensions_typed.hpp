#pragma once
// Every typed extension body, for the code that predates handshake/extensions/.
// New code includes the family header it needs (handshake/extensions/key_share.hpp,
// .../pre_shared_key.hpp, ...; handshake/README.md lists which extension lives where).
//
// Each typed body has `static constexpr ExtensionType type`, a pure parse(Reader&)
// (the caller checks the body is fully consumed, see Extensions::parse_body) and
// serialize(Writer&). Bounds follow the RFCs. Use through Extensions:
// `exts.get<KeyShareClientHello>()`, `exts.set(SupportedGroups{...})`.
#include "handshake/extensions/alpn.hpp"
#include "handshake/extensions/cookie.hpp"
#include "handshake/extensions/empty_extension.hpp"
#include "handshake/extensions/key_share.hpp"
#include "handshake/extensions/padding.hpp"
#include "handshake/extensions/pre_shared_key.hpp"
#include "handshake/extensions/record_size_limit.hpp"
#include "handshake/extensions/server_name.hpp"
#include "handshake/extensions/signature_algorithms.hpp"
#include "handshake/extensions/supported_versions.hpp"
#include "handshake/extensions/tls12.hpp"
