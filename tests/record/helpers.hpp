#pragma once
// Small helpers shared by the record-layer tests.
#include <doctest/doctest.h>

#include <string>
#include <variant>
#include <vector>

#include "core/hex.hpp"
#include "core/observer.hpp"
#include "record/protection12.hpp"
#include "record/protection13.hpp"
#include "record/reader.hpp"

namespace rtest {

using glass::core::Bytes;
using glass::core::ByteView;
using glass::core::hex;

// Every observer event, for tests that check what a learner would see.
struct LogObserver : glass::core::Observer {
  struct Rec {
    glass::core::Direction dir;
    std::uint8_t outer, inner;
    Bytes wire, plain;
  };
  std::vector<Rec> records;
  std::vector<std::pair<std::uint8_t, Bytes>> messages;
  std::vector<std::string> notes;
  int alerts = 0;
  void on_record(glass::core::Direction d, std::uint8_t o, ByteView w, std::uint8_t i,
                 ByteView p) override {
    records.push_back({d, o, i, Bytes(w.begin(), w.end()), Bytes(p.begin(), p.end())});
  }
  void on_handshake_message(glass::core::Direction, std::uint8_t t, ByteView m) override {
    messages.emplace_back(t, Bytes(m.begin(), m.end()));
  }
  void on_note(std::string_view t) override { notes.emplace_back(t); }
  void on_alert(glass::core::Direction, glass::core::AlertLevel, glass::core::Alert) override {
    ++alerts;
  }
};

// Pulls records until NeedMore; the first error is returned through `err`.
inline std::vector<glass::record::Record> drain(glass::record::RecordReader& r,
                                                glass::core::Error* err = nullptr) {
  std::vector<glass::record::Record> out;
  for (;;) {
    auto ev = r.next();
    if (!ev) {
      if (err) *err = ev.error();
      else FAIL("unexpected record error: " << ev.error().to_string());
      return out;
    }
    if (std::holds_alternative<glass::record::NeedMore>(*ev)) return out;
    out.push_back(std::get<glass::record::Record>(std::move(*ev)));
  }
}

// Feeds `data` and expects the reader to fail with `alert`; returns the reason.
inline std::string expect_error(glass::record::RecordReader& r, ByteView data,
                                glass::core::Alert alert) {
  r.feed(data);
  glass::core::Error e;
  e.alert = glass::core::Alert::close_notify;  // "no error yet"
  drain(r, &e);
  CHECK_MESSAGE(e.alert == alert, "got " << e.to_string());
  CHECK(r.failed());
  return e.reason;
}

inline std::unique_ptr<glass::record::Protection13> p13(glass::crypto::AeadAlg alg,
                                                        ByteView key, ByteView iv) {
  auto p = glass::record::Protection13::create(alg, key, iv);
  REQUIRE(p.ok());
  return std::move(*p);
}

inline std::unique_ptr<glass::record::Protection12> p12(glass::crypto::AeadAlg alg,
                                                        ByteView key, ByteView iv) {
  auto p = glass::record::Protection12::create(alg, key, iv);
  REQUIRE(p.ok());
  return std::move(*p);
}

inline Bytes record_bytes(std::uint8_t type, std::uint16_t version, ByteView body) {
  Bytes b{type, static_cast<std::uint8_t>(version >> 8), static_cast<std::uint8_t>(version),
          static_cast<std::uint8_t>(body.size() >> 8), static_cast<std::uint8_t>(body.size())};
  b.insert(b.end(), body.begin(), body.end());
  return b;
}

}  // namespace rtest
