#include "app.h"

int main(int argc, char **argv) { return removalsim::cli::removalsim_main(argc, argv); }
