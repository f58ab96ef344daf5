// The compiled half of the `removalsim` Python package (`removalsim._core`): each function calls
// the studies layer, as the command line does, and returns the CSV text the command would write,
// which removalsim/__init__.py reads into pandas frames. Going through the same writers keeps the
// frames identical to the command's files, number for number.

#include "interruptible.h"

#include "removalsim/analysis/metric_evaluation.h"
#include "removalsim/analysis/paired_difference.h"
#include "removalsim/analysis/run_output.h"
#include "removalsim/analysis/summary.h"
#include "removalsim/analysis/unit_executor.h"
#include "removalsim/engine/error.h"
#include "removalsim/scenario/loader.h"
#include "removalsim/scenario/scenario_error.h"
#include "removalsim/studies/comparison_study.h"
#include "removalsim/studies/exact_study.h"
#include "removalsim/studies/run_study.h"
#include "removalsim/studies/whatif_difference.h"

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <chrono>
#include <limits>
#include <sstream>
#include <string>

namespace py = pybind11;

namespace removalsim::python {

namespace {

/// The name of an error category as `removalsim.Error.category` gives it.
const char *category_name(ErrorCategory category) {
  switch (category) {
  case ErrorCategory::user:
    return "user";
  case ErrorCategory::output:
    return "output";
  case ErrorCategory::model:
    return "model";
  case ErrorCategory::resource_exhausted:
    return "resource_exhausted";
  case ErrorCategory::interrupted:
    return "interrupted";
  case ErrorCategory::internal:
    break;
  }
  return "internal";
}

/// Raises `removalsim.<class_name>(*arguments)`: the exception classes live in Python
/// (removalsim/errors.py), where users read and subclass them.
template <class... Arguments>
void raise_python_error(const char *class_name, Arguments &&...arguments) {
  const py::object type = py::module_::import("removalsim.errors").attr(class_name);
  const py::object error = type(std::forward<Arguments>(arguments)...);
  PyErr_SetObject(type.ptr(), error.ptr());
}

void translate_errors(std::exception_ptr pending) {
  try {
    if (pending) {
      std::rethrow_exception(pending);
    }
  } catch (const scenario::ScenarioError &error) {
    const auto &where = error.where();
    raise_python_error("ScenarioError", error.what(), error.message(), where.file, where.line,
                       where.column, where.key_path, error.suggestion());
  } catch (const Error &error) {
    raise_python_error("Error", error.what(), category_name(error.category()));
  }
}

/// The number a leaf's text spells (+inf for `unlimited`), else the text itself.
py::object leaf_value(const std::string &text) {
  if (text == "unlimited") {
    return py::float_(std::numeric_limits<double>::infinity());
  }
  if (const auto number = scenario::finite_number(text)) {
    return py::float_(*number);
  }
  return py::str(text);
}

py::object get_value(const scenario::LoadedScenario &loaded, const std::string &key_path) {
  const scenario::ResolvedValue *leaf = loaded.leaf(key_path);
  if (leaf == nullptr) {
    throw py::key_error("no value at " + key_path +
                        " in the resolved scenario (a key it inherits has none of its own: ask "
                        "the national one)");
  }
  return leaf_value(leaf->value);
}

py::list provenance_rows(const scenario::LoadedScenario &loaded) {
  py::list rows;
  for (const auto &value : loaded.provenance) {
    rows.append(py::make_tuple(value.key_path, value.value, value.file, value.line, value.column));
  }
  return rows;
}

// The simulating functions take their scenarios by value (pybind11 copies them with the GIL held):
// another Python thread may `set` the caller's scenario while these simulate without the GIL.

/// run: `(monthly.csv, summary.csv, run.json)` as text.
py::tuple run(const scenario::LoadedScenario loaded, const std::string &file,
              std::size_t replications, std::uint64_t seed, unsigned threads) {
  const auto started = std::chrono::steady_clock::now();
  const auto results = run_interruptibly([&](const engine::StopFlag *stop) {
    return studies::simulate_replications(loaded.scenario, replications, seed, threads, {}, stop);
  });
  const double wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::ostringstream monthly;
  std::ostringstream summary;
  {
    const py::gil_scoped_release release;
    analysis::write_monthly_csv(monthly, loaded.scenario, results);
    analysis::write_summary_csv(
        summary, analysis::summarise(loaded.scenario, results, analysis::metric_names()));
  }
  const std::string record =
      studies::run_json(studies::invocation_of({"python", "removalsim.run", file}), loaded, file,
                        seed, threads, results, wall_seconds);
  return py::make_tuple(monthly.str(), summary.str(), record);
}

std::string compare(const scenario::LoadedScenario loaded, const std::string &targets_file,
                    std::size_t replications, std::uint64_t seed, unsigned threads) {
  const auto study = studies::load_comparison_study(loaded.scenario, targets_file);
  const auto values = run_interruptibly([&](const engine::StopFlag *stop) {
    analysis::ThreadExecutor executor(threads, stop);
    return studies::simulate_targets(loaded.scenario, study, replications, seed, executor, {},
                                     stop);
  });
  std::ostringstream csv;
  studies::write_comparison_csv(csv, study.targets, studies::compare_with_targets(study, values));
  return csv.str();
}

std::string diff(const scenario::LoadedScenario base, const scenario::LoadedScenario whatif,
                 std::size_t replications, std::uint64_t seed, unsigned threads) {
  const auto rows = run_interruptibly([&](const engine::StopFlag *stop) {
    return studies::whatif_differences(base, whatif, replications, seed, threads, {}, stop);
  });
  std::ostringstream csv;
  analysis::write_paired_differences_csv(csv, rows);
  return csv.str();
}

std::string exact(const scenario::LoadedScenario &loaded) {
  std::ostringstream csv;
  studies::write_exact_csv(csv, studies::exact_solutions(loaded.scenario));
  return csv.str();
}

} // namespace

} // namespace removalsim::python

// The docstrings users read are on the Python functions (removalsim/__init__.py), which wrap
// these; those here say what the wrappers rely on.
PYBIND11_MODULE(_core, module) {
  using removalsim::scenario::LoadedScenario;
  namespace python = removalsim::python;
  module.doc() = "removalsim's compiled core; use the `removalsim` package instead.";
  py::register_exception_translator(&python::translate_errors);

  py::class_<LoadedScenario>(module, "LoadedScenario",
                             "A validated scenario and the provenance of its values.")
      .def(
          "copy", [](const LoadedScenario &loaded) { return LoadedScenario(loaded); },
          "An independent copy.")
      .def("set", &LoadedScenario::set, py::arg("key"), py::arg("value"),
           "Puts a number at a key path and rebuilds the scenario (ScenarioError if invalid).")
      .def("get", &python::get_value, py::arg("key"),
           "The value at a key path: a float when it is a number, else its text.")
      .def("provenance", &python::provenance_rows,
           "(key, value, file, line, column) of every resolved value.")
      .def_property_readonly("name",
                             [](const LoadedScenario &loaded) { return loaded.scenario.name; })
      .def_readonly("files", &LoadedScenario::files);

  module.def(
      "load", [](const std::string &file) { return removalsim::scenario::load_scenario(file); },
      py::arg("file"), "Loads and validates a scenario file (ScenarioError if invalid).");
  module.def("run", &python::run, py::arg("scenario"), py::arg("file"), py::arg("replications"),
             py::arg("seed"), py::arg("threads"),
             "(monthly.csv, summary.csv, run.json) of a run, as text.");
  module.def("compare", &python::compare, py::arg("scenario"), py::arg("targets"),
             py::arg("replications"), py::arg("seed"), py::arg("threads"),
             "comparison.csv of a scenario against a targets file, as text.");
  module.def("diff", &python::diff, py::arg("base"), py::arg("whatif"), py::arg("replications"),
             py::arg("seed"), py::arg("threads"), "diff.csv of a what-if against a base, as text.");
  module.def("exact", &python::exact, py::arg("scenario"),
             "The exact solution of a Markovian scenario as CSV text.");
}
