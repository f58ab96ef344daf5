// Fixture of tests/layers: a model source that includes a header of the scenario layer above it.
#include "removalsim/scenario/loader.h"
