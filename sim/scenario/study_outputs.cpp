#include "study_outputs.h"

#include "schema.h"

#include <algorithm>
#include <cstdio>

namespace removalsim::scenario::detail {

namespace {

/// `YYYY-MM` of a date.
std::string month_text(const engine::Date &date) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d", date.year, date.month);
  return buffer;
}

int month_number(const engine::Date &date) { return date.year * 12 + date.month - 1; }

} // namespace

std::vector<StudyOutput> read_study_outputs(const ValueReader &reader, const Node &root,
                                            std::string_view file_noun) {
  const Node &list = reader.require(root, "", "outputs", file_noun);
  if (!list.is_sequence()) {
    throw errors::wrong_type(reader.where(list.mark, "outputs"), "a list", describe(list));
  }
  if (list.items.empty()) {
    throw sensitivity_errors::empty_list(reader.where(list.mark, "outputs"), "outputs");
  }
  std::vector<StudyOutput> outputs;
  for (std::size_t i = 0; i < list.items.size(); ++i) {
    const Node &item = list.items[i];
    const std::string path = "outputs[" + std::to_string(i) + ']';
    if (!item.is_map()) {
      throw errors::wrong_type(reader.where(item.mark, path), "a map", describe(item));
    }
    reader.check_keys(item, path, {"metric", "country", "period"});
    StudyOutput output;
    const Node &metric = reader.require(item, path, "metric", "an output");
    output.metric = reader.text(metric, join(path, "metric"), "a metric name");
    output.metric_where = reader.where(metric.mark, join(path, "metric"));
    if (const Entry *country = item.find("country")) {
      output.country =
          reader.text(country->value, join(path, "country"), "a country code or `ALL`");
      output.country_where = reader.where(country->value.mark, join(path, "country"));
    } else {
      output.country_where = reader.where(item.mark, path);
    }
    const Node &period = reader.require(item, path, "period", "an output");
    output.period_text = reader.text(period, join(path, "period"), "a period");
    output.period_where = reader.where(period.mark, join(path, "period"));
    const auto parsed = engine::parse_period(output.period_text);
    if (!parsed) {
      throw sensitivity_errors::malformed_period(output.period_where, output.period_text);
    }
    output.period = *parsed;
    outputs.push_back(std::move(output));
  }
  return outputs;
}

void check_study_outputs(std::span<const StudyOutput> outputs, const model::Scenario &scenario,
                         std::span<const std::string> metrics) {
  std::string known;
  for (const auto &country : scenario.countries) {
    known += (known.empty() ? "" : ", ") + country.code;
  }
  known += ", ALL";
  std::vector<std::string_view> metric_views(metrics.begin(), metrics.end());
  const int first_month = month_number(scenario.warmup_until);
  const int last_month = month_number(scenario.end);
  for (const auto &output : outputs) {
    if (std::find(metrics.begin(), metrics.end(), output.metric) == metrics.end()) {
      throw sensitivity_errors::unknown_metric(output.metric_where, output.metric,
                                               closest(output.metric, metric_views));
    }
    const bool country_known =
        output.country == "ALL" ||
        std::any_of(scenario.countries.begin(), scenario.countries.end(),
                    [&](const model::Country &c) { return c.code == output.country; });
    if (!country_known) {
      throw sensitivity_errors::unknown_country(output.country_where, output.country, known);
    }
    if (month_number(output.period.first) < first_month ||
        month_number(output.period.last) > last_month) {
      throw sensitivity_errors::period_outside_run(output.period_where, output.period_text,
                                                   month_text(scenario.warmup_until),
                                                   month_text(scenario.end));
    }
  }
}

} // namespace removalsim::scenario::detail
