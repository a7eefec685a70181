#pragma once
// Password sources in OpenSSL's -passin syntax, shared by every command that
// reads or writes protected keys: pass:TEXT, env:VAR, file:PATH (first line),
// fd:N (first line), stdin (first line). No spec: prompt on the terminal with
// echo off. The returned password wipes itself; so do all buffers used here.
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "x509/pbe.hpp"

namespace glass::apps {

// `prompt` is shown when asking on the terminal ("Password for client.p12: ").
core::Result<x509::pbe::Password> read_password(std::string_view spec, std::string_view prompt);

// Prompts on /dev/tty without echo; `confirm` asks twice and compares.
core::Result<x509::pbe::Password> prompt_password(std::string_view prompt, bool confirm = false);

}  // namespace glass::apps
