#pragma once
// What the HTML report takes from the text narration of the same run: the
// step numbers (each numbered step linked to the event it narrates), the
// lines themselves, and the "show your work" of every derived secret and
// Finished (inputs, output, openssl command), recomputed by its own KeyWork.
// One observer per side goes into the side's fan-out right after the
// inspect::Recorder and before the narrator, so the event a step narrates is
// always the one the recorder appended last.
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/observer.hpp"
#include "inspect/recorder.hpp"
#include "inspect/report.hpp"
#include "teach/key_work.hpp"

namespace glass::teach {

class ReportFeed {
 public:
  ReportFeed(const inspect::EventLog& log, bool secrets) : log_(log), secrets_(secrets) {}
  std::unique_ptr<core::Observer> side_observer(std::string side);
  // Narrator::Listener: one step or paragraph as printed.
  void on_step(unsigned number, std::string_view side, std::string_view kind, const std::string& text,
               const std::string& detail);
  void fill(inspect::ReportMeta& meta) const;

 private:
  friend class FeedObserver;
  void seen(const std::string& side, inspect::EventKind k);  // the recorder has appended it
  void add_work(const Derivation& d);                        // to the last event

  const inspect::EventLog& log_;
  bool secrets_;
  mutable std::mutex mu_;
  std::size_t last_event_ = 0, linked_ = 0;
  std::string last_side_;
  inspect::EventKind last_kind_ = inspect::EventKind::note;
  std::vector<inspect::TextStep> narration_;
  std::map<std::size_t, std::vector<inspect::WorkShown>> work_;
};

// `s` without ANSI colour sequences.
std::string strip_ansi(std::string_view s);

}  // namespace glass::teach
