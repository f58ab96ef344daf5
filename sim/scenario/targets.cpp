#include "removalsim/scenario/targets.h"

#include "document.h"
#include "schema.h"
#include "values.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

namespace removalsim::scenario {

namespace {

using namespace detail;

constexpr NumberRule kReported{NumberRule::Bound::non_negative, "a reported value", false};
constexpr NumberRule kReportedShare{NumberRule::Bound::unit_interval, "a reported share", false};
constexpr NumberRule kStandardDeviation{NumberRule::Bound::non_negative, "a standard deviation",
                                        false};
constexpr NumberRule kWeight{NumberRule::Bound::non_negative, "a weight", false};
constexpr NumberRule kTolerance{NumberRule::Bound::non_negative, "a tolerance", false};
constexpr std::string_view kRatioPrefix = "ratio:";

bool is_valid_id(std::string_view id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.';
  });
}

bool is_valid_country(std::string_view code) {
  return code == "OTHER" || code == "ALL" ||
         (code.size() == 2 &&
          std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; }));
}

std::string_view trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) {
    return {};
  }
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

class TargetsReader {
public:
  TargetsReader(const Document &document, const std::vector<std::string> &known_metrics)
      : document_(document), reader_(document), known_(known_metrics.begin(), known_metrics.end()) {
  }

  std::vector<Target> read() {
    const Node &root = document_.root;
    if (!root.is_map()) {
      throw errors::wrong_type(reader_.where(Mark{0, 1, 1}, ""), "a map with a `targets:` list",
                               describe(root));
    }
    reader_.check_keys(root, "", {"tolerance", "targets"});
    if (const Entry *tolerance = root.find("tolerance")) {
      default_tolerance_ = read_tolerance(tolerance->value, "tolerance");
    }
    const Node &list = reader_.require(root, "", "targets", "the targets file");
    if (!list.is_sequence()) {
      throw errors::wrong_type(reader_.where(list.mark, "targets"), "a list of targets",
                               describe(list));
    }
    if (list.items.empty()) {
      throw errors::empty_targets(reader_.where(root.find("targets")->key_mark, "targets"));
    }
    std::vector<Target> targets;
    for (std::size_t i = 0; i < list.items.size(); ++i) {
      targets.push_back(target(list.items[i], "targets[" + std::to_string(i) + ']'));
    }
    return targets;
  }

private:
  Target target(const Node &item, const std::string &path) {
    if (!item.is_map()) {
      throw errors::wrong_type(reader_.where(item.mark, path),
                               "a target map `{id: ..., metric: ..., country: ...}`",
                               describe(item));
    }
    reader_.check_keys(item, path,
                       {"id", "metric", "country", "period", "value", "uncertainty", "weight",
                        "tolerance", "source", "definition", "url", "headline"});
    Target target;
    const Node &id = reader_.require(item, path, "id", "a target");
    target.id = reader_.text(id, join(path, "id"), "a target id");
    if (!is_valid_id(target.id)) {
      throw errors::invalid_target_id(reader_.where(id.mark, join(path, "id")), target.id);
    }
    if (const auto first = first_lines_.find(target.id); first != first_lines_.end()) {
      throw errors::duplicate_target_id(reader_.where(id.mark, join(path, "id")), target.id,
                                        first->second);
    }
    first_lines_.emplace(target.id, id.mark.line);
    const std::string context = "target `" + target.id + "`";

    const Node &metric = reader_.require(item, path, "metric", context);
    read_metric(metric, join(path, "metric"), target);

    const Node &country = reader_.require(item, path, "country", context);
    read_countries(country, join(path, "country"), target);

    const Node &period = reader_.require(item, path, "period", context);
    read_period(period, join(path, "period"), target);

    const Node &value = reader_.require(item, path, "value", context);
    // A share (`cohort_removed_share`...) is a fraction of its cohort: above 1 no run can meet it.
    const bool share = target.metric.ends_with("_share");
    target.value = reader_.number(value, join(path, "value"), share ? kReportedShare : kReported);
    if (const Entry *uncertainty = item.find("uncertainty")) {
      read_uncertainty(uncertainty->value, join(path, "uncertainty"), value, target);
    }
    if (const Entry *weight = item.find("weight")) {
      target.weight = reader_.number(weight->value, join(path, "weight"), kWeight);
    }
    double tolerance = default_tolerance_;
    if (const Entry *own = item.find("tolerance")) {
      tolerance = read_tolerance(own->value, join(path, "tolerance"));
    }
    target.tolerance = target_tolerance(tolerance, target.value, target.range);
    target.source = reader_.text(reader_.require(item, path, "source", context),
                                 join(path, "source"), "the source of the figure");
    target.definition = reader_.text(reader_.require(item, path, "definition", context),
                                     join(path, "definition"), "the definition of the figure");
    if (const Entry *url = item.find("url")) {
      target.url = reader_.text(url->value, join(path, "url"), "the address of the source");
    }
    if (const Entry *headline = item.find("headline")) {
      target.headline = reader_.boolean(headline->value, join(path, "headline"));
    }
    return target;
  }

  /// `MA`, or a set `[MA, DZ]`: codes of the right form, no repeats, `FR`/`ALL` only alone.
  void read_countries(const Node &node, const std::string &path, Target &target) const {
    const auto add = [&](const Node &code_node, const std::string &code_path) {
      const std::string code = reader_.text(code_node, code_path, "a country code");
      const SourceLocation where = reader_.where(code_node.mark, code_path);
      if (!is_valid_country(code)) {
        throw errors::invalid_target_country(where, code);
      }
      target.countries.push_back(code);
      target.country_locations.push_back(where);
    };
    if (!node.is_sequence()) {
      add(node, path);
      return;
    }
    if (node.items.empty()) {
      throw errors::empty_target_countries(reader_.where(node.mark, path));
    }
    for (std::size_t i = 0; i < node.items.size(); ++i) {
      add(node.items[i], path + '[' + std::to_string(i) + ']');
      const std::string &code = target.countries.back();
      const auto first = std::find(target.countries.begin(), target.countries.end() - 1, code);
      if (first != target.countries.end() - 1) {
        throw errors::duplicate_target_country(
            target.country_locations.back(), code,
            static_cast<std::size_t>(first - target.countries.begin()));
      }
    }
    if (target.countries.size() > 1) {
      for (std::size_t i = 0; i < target.countries.size(); ++i) {
        if (target.countries[i] == "FR" || target.countries[i] == "ALL") {
          throw errors::national_in_country_set(target.country_locations[i], target.countries[i]);
        }
      }
    }
  }

  /// A relative tolerance in (0, 1] (a negative number is refused by the number's rule).
  double read_tolerance(const Node &node, const std::string &path) const {
    const double tolerance = reader_.number(node, path, kTolerance);
    if (tolerance == 0.0 || tolerance > 1.0) {
      throw errors::tolerance_out_of_range(reader_.where(node.mark, path), node.text);
    }
    return tolerance;
  }

  void read_metric(const Node &node, const std::string &path, Target &target) const {
    std::string name = reader_.text(node, path, "a metric name");
    if (name.starts_with(kRatioPrefix)) {
      target.ratio = true;
      name = std::string(trimmed(std::string_view(name).substr(kRatioPrefix.size())));
    }
    if (std::find(known_.begin(), known_.end(), name) == known_.end()) {
      std::string listing;
      for (const auto known : known_) {
        listing += (listing.empty() ? "" : ", ") + std::string(known);
      }
      throw errors::unknown_metric(reader_.where(node.mark, path), name, closest(name, known_),
                                   listing);
    }
    target.metric = std::move(name);
  }

  void read_period(const Node &node, const std::string &path, Target &target) const {
    const std::string text = reader_.text(node, path, "a period");
    const SourceLocation where = reader_.where(node.mark, path);
    const auto parse = [&](std::string_view part) {
      const auto period = engine::parse_period(trimmed(part));
      if (!period) {
        throw errors::malformed_period(where, trimmed(part));
      }
      return *period;
    };
    const auto slash = text.find('/');
    if (slash == std::string::npos) {
      if (target.ratio) {
        throw errors::ratio_needs_two_periods(where, text);
      }
      target.period = parse(text);
      return;
    }
    if (!target.ratio) {
      throw errors::two_periods_need_ratio(where, target.metric);
    }
    const std::string_view rest = std::string_view(text).substr(slash + 1);
    if (rest.find('/') != std::string_view::npos) {
      throw errors::malformed_period(where, trimmed(rest));
    }
    target.period = parse(std::string_view(text).substr(0, slash));
    target.base_period = parse(rest);
  }

  void read_uncertainty(const Node &node, const std::string &path, const Node &value,
                        Target &target) const {
    if (node.is_scalar()) {
      target.sd = reader_.number(node, path, kStandardDeviation);
      return;
    }
    if (!node.is_map()) {
      throw errors::wrong_type(reader_.where(node.mark, path),
                               "a standard deviation or a range `{low: L, high: H}`",
                               describe(node));
    }
    reader_.check_keys(node, path, {"low", "high"});
    const Node &low = reader_.require(node, path, "low", "a reported range");
    const Node &high = reader_.require(node, path, "high", "a reported range");
    const ReportedRange range{reader_.number(low, join(path, "low"), kReported),
                              reader_.number(high, join(path, "high"), kReported)};
    if (range.high < range.low) {
      throw errors::uncertainty_bounds(reader_.where(high.mark, join(path, "high")), low.text,
                                       high.text);
    }
    if (target.value < range.low || range.high < target.value) {
      const std::string value_path = path.substr(0, path.rfind('.')) + ".value";
      throw errors::value_outside_range(reader_.where(value.mark, value_path), value.text, low.text,
                                        high.text);
    }
    target.range = range;
  }

  const Document &document_;
  ValueReader reader_;
  std::vector<std::string_view> known_;
  std::map<std::string, int, std::less<>> first_lines_;
  double default_tolerance_ = kDefaultTolerance;
};

std::vector<Target> read_targets(const Document &document,
                                 const std::vector<std::string> &known_metrics) {
  return TargetsReader(document, known_metrics).read();
}

const FileKind kTargetsFile{"a targets file", "targets"};

} // namespace

std::string Target::country_text() const {
  std::string text;
  for (const auto &code : countries) {
    text += (text.empty() ? "" : "+") + code;
  }
  return text;
}

double target_tolerance(double base, double value, const std::optional<ReportedRange> &range) {
  if (range && value != 0.0) {
    return std::max(base, (range->high - range->low) / 2.0 / std::abs(value));
  }
  return base;
}

std::string Target::period_text() const {
  std::string text = engine::format_period(period);
  if (base_period) {
    text += " / " + engine::format_period(*base_period);
  }
  return text;
}

std::vector<Target> load_targets(const std::filesystem::path &file,
                                 const std::vector<std::string> &known_metrics) {
  return read_targets(parse_single_document(file.string(), std::nullopt, kTargetsFile),
                      known_metrics);
}

std::vector<Target> load_targets_from_string(std::string_view yaml, const std::string &file_name,
                                             const std::vector<std::string> &known_metrics) {
  return read_targets(parse_single_document(file_name, yaml, kTargetsFile), known_metrics);
}

void check_target_countries(const std::vector<Target> &targets, const model::Scenario &scenario) {
  for (const Target &target : targets) {
    if (target.national()) {
      continue;
    }
    for (std::size_t i = 0; i < target.countries.size(); ++i) {
      const std::string &code = target.countries[i];
      const bool found =
          std::any_of(scenario.countries.begin(), scenario.countries.end(),
                      [&](const model::Country &country) { return country.code == code; });
      if (!found) {
        std::string codes;
        for (const auto &country : scenario.countries) {
          codes += (codes.empty() ? "" : ", ") + country.code;
        }
        throw errors::unknown_target_country(target.country_locations[i], code, codes);
      }
    }
  }
}

} // namespace removalsim::scenario
