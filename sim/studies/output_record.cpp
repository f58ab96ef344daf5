#include "removalsim/studies/output_record.h"

#include "removalsim/engine/fnv1a.h"

// Generated in the build tree at every build (build_commit.cmake).
#include <removalsim_build_commit.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <ctime>

namespace removalsim::studies {

namespace {

std::string hex(std::uint64_t value) {
  char text[32];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(value));
  return text;
}

/// A whole number as an integer (written `9500`, not `9500.0`), any other finite number as a
/// double, anything else (`unlimited`, a date, a name) as the text written.
nlohmann::ordered_json parameter_value(const std::string &text) {
  const auto number = scenario::finite_number(text);
  if (!number) {
    return text;
  }
  constexpr double kExactIntegers = 9007199254740992.0; // 2^53
  if (std::trunc(*number) == *number && std::fabs(*number) < kExactIntegers) {
    return static_cast<std::int64_t>(*number);
  }
  return *number;
}

} // namespace

std::string utc_timestamp() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

Invocation invocation_of(std::vector<std::string> command_line) {
  return {.command_line = std::move(command_line),
          .version = REMOVALSIM_VERSION,
          .git_commit = REMOVALSIM_GIT_COMMIT};
}

nlohmann::ordered_json output_record(const Invocation &invocation) {
  nlohmann::ordered_json record;
  record["command_line"] = invocation.command_line;
  record["version"] = invocation.version;
  record["git_commit"] = invocation.git_commit.empty()
                             ? nlohmann::ordered_json(nullptr)
                             : nlohmann::ordered_json(invocation.git_commit);
  record["created"] = utc_timestamp();
  return record;
}

void add_scenario(nlohmann::ordered_json &record, const scenario::LoadedScenario &loaded,
                  const std::string &path) {
  engine::Fnv1a hash;
  hash.add(scenario::format_resolved(loaded));
  record["scenario"] = path;
  record["scenario_files"] = loaded.files;
  record["scenario_hash"] = hex(hash.value());
  nlohmann::ordered_json parameters = nlohmann::ordered_json::object();
  for (const auto &value : loaded.provenance) {
    parameters[value.key_path] = parameter_value(value.value);
  }
  record["parameters"] = std::move(parameters);
}

std::string record_text(const nlohmann::ordered_json &record) {
  // A command line or path need not be UTF-8; JSON text must be: replace what is not (U+FFFD).
  return record.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + '\n';
}

} // namespace removalsim::studies
