#pragma once
// Everything a glasstls user needs: the context, the stream, errors, certificates,
// sessions.
#include "glasstls/certificate.hpp"
#include "glasstls/context.hpp"
#include "glasstls/error.hpp"
#include "glasstls/observer.hpp"
#include "glasstls/session.hpp"
#include "glasstls/stream.hpp"
