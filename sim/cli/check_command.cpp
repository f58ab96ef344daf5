#include "commands.h"
#include "set_option.h"

#include "removalsim/scenario/loader.h"
#include "removalsim/scenario/value_tags.h"

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace removalsim::cli {

void add_check_command(CLI::App &app) {
  auto file = std::make_shared<std::string>();
  auto sets = std::make_shared<std::vector<std::string>>();
  CLI::App *command = app.add_subcommand(
      "check", "Validate a scenario without running it; print every resolved value and its file");
  command->add_option("scenario", *file, "Scenario YAML file")->required();
  add_set_option(*command, *sets, "the scenario");
  command->callback([file, sets] {
    const auto loaded = scenario::load_scenario(*file, overrides_of(*sets));
    std::fputs(scenario::format_resolved_with_tags(loaded).c_str(), stdout);
    std::printf("# %s: valid (%zu countries)\n", file->c_str(), loaded.scenario.countries.size());
  });
}

} // namespace removalsim::cli
