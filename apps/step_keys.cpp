#include "apps/step_keys.hpp"

#include <errno.h>
#include <termios.h>
#include <unistd.h>

namespace glass::apps {

namespace {

// One byte from fd 0, with canonical mode and echo off while waiting when it is
// a terminal; -1 at end of input.
int read_key_byte() {
  termios saved{};
  const bool tty = ::isatty(0) && ::tcgetattr(0, &saved) == 0;
  if (tty) {
    termios raw = saved;
    raw.c_lflag &= static_cast<tcflag_t>(~(ICANON | ECHO));
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    ::tcsetattr(0, TCSANOW, &raw);
  }
  unsigned char c = 0;
  ssize_t n;
  do n = ::read(0, &c, 1);
  while (n < 0 && errno == EINTR);
  if (tty) ::tcsetattr(0, TCSANOW, &saved);
  return n == 1 ? c : -1;
}

}  // namespace

teach::StepKey read_step_key() {
  using teach::StepKey;
  for (;;) {
    int c = read_key_byte();
    switch (c) {
      case -1: case 'c': case 'C': return StepKey::run_to_end;
      case '\n': case '\r': case ' ': return StepKey::next_step;
      case 'm': case 'M': return StepKey::next_message;
      case 'q': case 'Q': case 4: /* Ctrl-D in raw mode */ return StepKey::quit;
      default: break;  // anything else: keep waiting
    }
  }
}

}  // namespace glass::apps
