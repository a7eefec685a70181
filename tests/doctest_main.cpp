// doctest main with a compact reporter: one line per test case ("PASS name"), so
// the suite's log names every vector group that ran, plus doctest's own summary.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdio>
#include <mutex>
#include <sstream>

namespace {

struct ListReporter : public doctest::IReporter {
  const doctest::ContextOptions& opt;
  const doctest::TestCaseData* tc = nullptr;
  bool failed = false;
  unsigned passed_cases = 0, failed_cases = 0, skipped_cases = 0;
  std::mutex mu;

  explicit ListReporter(const doctest::ContextOptions& in) : opt(in) {}

  void report_query(const doctest::QueryData&) override {}
  void test_run_start() override {}
  void test_run_end(const doctest::TestRunStats& s) override {
    std::printf("%u passed, %u failed, %u skipped\n", passed_cases, failed_cases,
                skipped_cases);
    (void)s;
  }
  void test_case_start(const doctest::TestCaseData& in) override {
    tc = &in;
    failed = false;
  }
  void test_case_reenter(const doctest::TestCaseData&) override {}
  void test_case_end(const doctest::CurrentTestCaseStats& st) override {
    if (st.failure_flags != 0 || failed) {
      ++failed_cases;
      std::printf("FAIL %s (%s:%d)\n", tc->m_name, tc->m_file.c_str(), tc->m_line);
    } else {
      ++passed_cases;
      std::printf("PASS %s (%.3f s)\n", tc->m_name, st.seconds);
    }
    std::fflush(stdout);
  }
  void test_case_exception(const doctest::TestCaseException& e) override {
    failed = true;
    std::printf("  exception: %s\n", e.error_string.c_str());
  }
  void subcase_start(const doctest::SubcaseSignature&) override {}
  void subcase_end() override {}
  void log_assert(const doctest::AssertData& ad) override {
    if (!ad.m_failed) return;
    std::lock_guard<std::mutex> lock(mu);
    failed = true;
    std::printf("  %s:%d: %s( %s ) failed", ad.m_file, ad.m_line,
                doctest::assertString(ad.m_at), ad.m_expr);
    if (ad.m_decomp.size() > 0) std::printf(" with values %s", ad.m_decomp.c_str());
    if (ad.m_exception.size() > 0) std::printf(" exception %s", ad.m_exception.c_str());
    std::printf("\n");
    print_contexts();
  }
  // The INFO()/CAPTURE() values in scope when an assertion failed.
  static void print_contexts() {
    int n = doctest::IReporter::get_num_active_contexts();
    const doctest::IContextScope* const* ctx = doctest::IReporter::get_active_contexts();
    for (int i = 0; i < n; ++i) {
      std::ostringstream os;
      ctx[i]->stringify(&os);
      std::printf("    with %s\n", os.str().c_str());
    }
  }

  void log_message(const doctest::MessageData& md) override {
    std::lock_guard<std::mutex> lock(mu);
    std::printf("  %s:%d: %s\n", md.m_file, md.m_line, md.m_string.c_str());
  }
  // doctest also reports test cases left out by a -tc filter here; only the ones
  // marked skip are real skips, and those are always named.
  void test_case_skipped(const doctest::TestCaseData& in) override {
    if (!in.m_skip) return;
    ++skipped_cases;
    std::printf("SKIP %s\n", in.m_name);
  }
};

}  // namespace

REGISTER_REPORTER("list", 1, ListReporter);

int main(int argc, char** argv) {
  doctest::Context ctx;
  ctx.setOption("reporters", "list");
  ctx.applyCommandLine(argc, argv);
  return ctx.run();
}
