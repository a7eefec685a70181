#include "core/field_recorder.hpp"

namespace glass::core {

std::size_t FieldRecorder::add(RecordedField f) {
  const std::size_t i = fields_.size();
  if (f.parent != RecordedField::top && f.parent >= i) f.parent = RecordedField::top;
  failed_ = failed_ || f.kind == RecordedField::Kind::error;
  (f.parent == RecordedField::top ? top_kids_ : kids_[f.parent]).push_back(i);
  fields_.push_back(std::move(f));
  kids_.emplace_back();
  return i;
}

// Kept per parent as fields arrive, so that building a tree stays linear.
std::vector<std::size_t> FieldRecorder::children(std::size_t parent) const {
  if (parent == RecordedField::top) return top_kids_;
  return parent < kids_.size() ? kids_[parent] : std::vector<std::size_t>{};
}

void FieldRecorder::clear() {
  fields_.clear();
  kids_.clear();
  top_kids_.clear();
  failed_ = false;
}

}  // namespace glass::core
