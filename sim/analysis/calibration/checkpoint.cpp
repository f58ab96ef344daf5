#include "removalsim/analysis/calibration/checkpoint.h"

#include "removalsim/analysis/atomic_file.h"

#include <charconv>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>
#include <utility>

namespace removalsim::analysis::calibration {

namespace {

// Version 1: a header, the identity, then per request a `request` line (its exact text) and a
// `moments ROWS COLUMNS` line followed by ROWS lines of COLUMNS numbers.
constexpr std::string_view kHeader = "removalsim calibration checkpoint 1";

// Hexadecimal floating point: the exact bits, so replayed moments equal the simulated ones.
std::string exact(double value) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::hex);
  return std::string(buffer, result.ptr);
}

bool parse_exact(const std::string &text, double &value) {
  const auto result =
      std::from_chars(text.data(), text.data() + text.size(), value, std::chars_format::hex);
  return result.ec == std::errc() && result.ptr == text.data() + text.size();
}

std::string request_text(const SimulationRequest &request) {
  std::string text = std::to_string(request.seed) + ' ' +
                     std::to_string(request.first_replication) + ' ' +
                     std::to_string(request.replications);
  for (const double value : request.theta) {
    text += ' ' + exact(value);
  }
  return text;
}

} // namespace

EvaluationCheckpoint::EvaluationCheckpoint(std::filesystem::path file, std::string identity,
                                           bool writes_file)
    : file_(std::move(file)), identity_(std::move(identity)), writes_file_(writes_file) {
  if (identity_.find('\n') != std::string::npos) {
    throw std::invalid_argument("EvaluationCheckpoint: the identity must be one line");
  }
}

std::size_t EvaluationCheckpoint::load() {
  std::ifstream in(file_, std::ios::binary);
  if (!in) {
    throw CheckpointError("no checkpoint to resume from: " + file_.string() + " cannot be read");
  }
  const auto malformed = [&] {
    return CheckpointError("the checkpoint " + file_.string() + " is damaged: remove it and " +
                           "start the calibration again without --resume");
  };
  std::string line;
  if (!std::getline(in, line) || line != kHeader) {
    throw malformed();
  }
  if (!std::getline(in, line) || line != identity_) {
    throw CheckpointError("the checkpoint " + file_.string() +
                          " belongs to another calibration: " + line);
  }
  std::map<std::string, ReplicationMoments> record;
  while (std::getline(in, line)) {
    if (line.rfind("request ", 0) != 0) {
      throw malformed();
    }
    std::string request = line.substr(8);
    std::string word;
    std::size_t rows = 0;
    std::size_t columns = 0;
    if (!std::getline(in, line)) {
      throw malformed();
    }
    std::istringstream sizes(line);
    if (!(sizes >> word >> rows >> columns) || word != "moments") {
      throw malformed();
    }
    ReplicationMoments moments(rows, std::vector<double>(columns));
    for (auto &row : moments) {
      if (!std::getline(in, line)) {
        throw malformed();
      }
      std::istringstream numbers(line);
      for (double &value : row) {
        if (!(numbers >> word) || !parse_exact(word, value)) {
          throw malformed();
        }
      }
    }
    record.emplace(std::move(request), std::move(moments));
  }
  record_ = std::move(record);
  return record_.size();
}

Simulator EvaluationCheckpoint::wrap(Simulator simulator) {
  return [this, simulator = std::move(simulator)](const std::vector<SimulationRequest> &requests) {
    std::vector<ReplicationMoments> results(requests.size());
    std::vector<SimulationRequest> missing;
    std::vector<std::size_t> missing_index;
    for (std::size_t i = 0; i < requests.size(); ++i) {
      const auto found = record_.find(request_text(requests[i]));
      if (found != record_.end()) {
        results[i] = found->second;
        ++replayed_;
      } else {
        missing.push_back(requests[i]);
        missing_index.push_back(i);
      }
    }
    if (missing.empty()) {
      return results;
    }
    auto simulated = simulator(missing);
    for (std::size_t k = 0; k < missing.size() && k < simulated.size(); ++k) {
      record_[request_text(missing[k])] = simulated[k];
      results[missing_index[k]] = std::move(simulated[k]);
    }
    save();
    return results;
  };
}

void EvaluationCheckpoint::save() const {
  if (!writes_file_) {
    return;
  }
  std::ostringstream text;
  text << kHeader << '\n' << identity_ << '\n';
  for (const auto &[request, moments] : record_) {
    text << "request " << request << '\n'
         << "moments " << moments.size() << ' ' << (moments.empty() ? 0 : moments.front().size())
         << '\n';
    for (const auto &row : moments) {
      for (std::size_t j = 0; j < row.size(); ++j) {
        text << (j == 0 ? "" : " ") << exact(row[j]);
      }
      text << '\n';
    }
  }
  write_file_atomically(file_, text.str());
}

void EvaluationCheckpoint::remove() const {
  std::error_code ignored;
  std::filesystem::remove(file_, ignored);
}

} // namespace removalsim::analysis::calibration
