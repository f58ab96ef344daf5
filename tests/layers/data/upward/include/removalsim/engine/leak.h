// Fixture of tests/layers: a public engine header that includes a library linked PRIVATE.
#pragma once

#include <yaml-cpp/yaml.h>
