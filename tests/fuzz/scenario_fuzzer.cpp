// libFuzzer entry point: arbitrary bytes as a scenario and as a targets file.
#include "fuzz_input.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  removalsim::fuzz::load_both(std::string_view(reinterpret_cast<const char *>(data), size));
  return 0;
}
