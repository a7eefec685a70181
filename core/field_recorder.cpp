#include "core/field_recorder.hpp"

namespace glass::core {

std::vector<std::size_t> FieldRecorder::children(std::size_t parent) const {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < fields_.size(); ++i)
    if (fields_[i].parent == parent) out.push_back(i);
  return out;
}

bool FieldRecorder::failed() const {
  for (const auto& f : fields_)
    if (f.kind == RecordedField::Kind::error) return true;
  return false;
}

}  // namespace glass::core
