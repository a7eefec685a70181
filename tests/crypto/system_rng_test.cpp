// SystemRng draws through one process-wide page: bytes must never repeat, not
// across threads, not across a refill, and not between a parent and its forked
// child (the page is wiped on fork).
#include <doctest/doctest.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "crypto/random.hpp"

using namespace glass;
using core::Bytes;

namespace {

// What a forked child draws after its parent already had the pool filled.
Bytes child_draw(std::size_t n) {
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    close(fds[0]);
    Bytes b = crypto::system_rng().bytes(n);
    const bool ok = write(fds[1], b.data(), b.size()) == static_cast<ssize_t>(b.size());
    _exit(ok ? 0 : 1);
  }
  close(fds[1]);
  Bytes got(n);
  std::size_t have = 0;
  while (have < n) {
    const ssize_t r = read(fds[0], got.data() + have, n - have);
    if (r <= 0) break;
    have += static_cast<std::size_t>(r);
  }
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  REQUIRE(have == n);
  return got;
}

}  // namespace

TEST_CASE("crypto: SystemRng uses its page exactly when the kernel can wipe it on fork") {
  // Linux 4.14 and later have MADV_WIPEONFORK; without it every draw goes to the OS.
  bool kernel_wipes = false;
#ifdef MADV_WIPEONFORK
  void* p = mmap(nullptr, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  REQUIRE(p != MAP_FAILED);
  kernel_wipes = madvise(p, 4096, MADV_WIPEONFORK) == 0;
  munmap(p, 4096);
#endif
  const std::string mode = kernel_wipes ? "yes, SystemRng draws from its page"
                                        : "no, SystemRng asks the OS every time";
  MESSAGE("MADV_WIPEONFORK here: " << mode);
  CHECK(crypto::system_rng_pooled() == kernel_wipes);
}

TEST_CASE("crypto: a forked child never hands out its parent's next SystemRng bytes") {
  (void)crypto::system_rng().bytes(32);  // the pool is now filled and partly used
  const Bytes child = child_draw(64);
  const Bytes child2 = child_draw(64);
  const Bytes parent = crypto::system_rng().bytes(64);
  CHECK(child != parent);
  CHECK(child2 != parent);
  CHECK(child != child2);
}

TEST_CASE("crypto: SystemRng draws across refills and threads never repeat") {
  // 4 threads x 600 draws of 32 bytes is well over one page: several refills, contended lock.
  std::vector<std::vector<Bytes>> per(4);
  std::vector<std::thread> ts;
  for (auto& v : per)
    ts.emplace_back([&v] {
      for (int i = 0; i < 600; ++i) v.push_back(crypto::system_rng().bytes(32));
    });
  for (auto& t : ts) t.join();
  std::set<Bytes> seen;
  for (auto& v : per)
    for (auto& b : v) seen.insert(b);
  CHECK(seen.size() == 2400);
  // Requests above the pool's limit go to the OS directly and still work.
  const Bytes big = crypto::system_rng().bytes(5000);
  CHECK(std::count(big.begin(), big.end(), 0) < 100);
  Bytes empty;
  crypto::system_rng().fill(empty);  // an empty request is harmless
}
