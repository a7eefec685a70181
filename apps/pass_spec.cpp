#include "apps/pass_spec.hpp"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace glass::apps {

using core::Alert;
using core::make_error;
using x509::pbe::Password;

namespace {

// Reads up to the first newline (or EOF) from a descriptor, one byte at a time so
// nothing beyond the line is consumed; strips a trailing CR.
core::Result<Password> first_line(int fd, const std::string& source) {
  std::string line;
  char c;
  for (;;) {
    ssize_t n = ::read(fd, &c, 1);
    if (n < 0) {
      core::secure_wipe(line);
      return make_error(Alert::internal_error, "cannot read the password from " + source);
    }
    if (n == 0 || c == '\n') break;
    line.push_back(c);
    if (line.size() > 4096) {
      core::secure_wipe(line);
      return make_error(Alert::illegal_parameter, "password from " + source + " is longer than 4096 bytes");
    }
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  Password p = Password::utf8(line);
  core::secure_wipe(line);
  return p;
}

}  // namespace

core::Result<Password> prompt_password(std::string_view prompt, bool confirm) {
  int fd = ::open("/dev/tty", O_RDWR | O_CLOEXEC);
  if (fd < 0)
    return make_error(Alert::illegal_parameter,
                      "no password given (--pass pass:TEXT|env:VAR|file:PATH|stdin) and no terminal to ask on");
  auto ask = [&](std::string_view text) -> core::Result<Password> {
    (void)!::write(fd, text.data(), text.size());
    termios old{};
    bool have_termios = ::tcgetattr(fd, &old) == 0;
    if (have_termios) {
      termios quiet = old;
      quiet.c_lflag &= static_cast<tcflag_t>(~ECHO);
      quiet.c_lflag |= ECHONL;
      ::tcsetattr(fd, TCSAFLUSH, &quiet);
    }
    auto r = first_line(fd, "the terminal");
    if (have_termios) ::tcsetattr(fd, TCSAFLUSH, &old);
    return r;
  };
  auto first = ask(prompt);
  if (first && confirm) {
    auto second = ask("Verifying - " + std::string(prompt));
    if (!second) {
      ::close(fd);
      return second;
    }
    if (!core::equal(first->bytes(), second->bytes())) {
      ::close(fd);
      return make_error(Alert::illegal_parameter, "the passwords do not match");
    }
  }
  ::close(fd);
  return first;
}

core::Result<Password> read_password(std::string_view spec, std::string_view prompt) {
  if (spec.empty()) return prompt_password(prompt);
  if (spec.rfind("pass:", 0) == 0) return Password::utf8(spec.substr(5));
  if (spec.rfind("env:", 0) == 0) {
    std::string var(spec.substr(4));
    const char* v = std::getenv(var.c_str());
    if (!v) return make_error(Alert::illegal_parameter, "environment variable " + var + " is not set");
    return Password::utf8(std::string_view(v));
  }
  if (spec.rfind("file:", 0) == 0) {
    std::string path(spec.substr(5));
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return make_error(Alert::illegal_parameter, "cannot open password file " + path);
    auto r = first_line(fd, path);
    ::close(fd);
    return r;
  }
  if (spec.rfind("fd:", 0) == 0) {
    std::string num(spec.substr(3));
    char* end = nullptr;
    long fd = std::strtol(num.c_str(), &end, 10);
    if (num.empty() || *end != '\0' || fd < 0 || fd > 65535)
      return make_error(Alert::illegal_parameter, "fd: needs a descriptor number, not '" + num + "'");
    return first_line(static_cast<int>(fd), "descriptor " + num);
  }
  if (spec == "stdin") return first_line(STDIN_FILENO, "standard input");
  return make_error(Alert::illegal_parameter, "unknown password source '" + std::string(spec.substr(0, spec.find(':'))) +
                                                  "': use pass:TEXT, env:VAR, file:PATH, fd:N or stdin");
}

}  // namespace glass::apps
