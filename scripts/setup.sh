#!/usr/bin/env bash
# Installs the Debian packages listed in scripts/debian-packages.txt that are missing (as root, or
# through sudo), then configures the CMake preset given as $1 (default: release). Cheap when
# everything is already there: no apt call, and a reconfigure that rebuilds nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-release}"

missing=()
while read -r package; do
  [[ -z "$package" || "$package" == \#* ]] && continue
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done < scripts/debian-packages.txt

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Configuring every time keeps an existing build tree in step with CMakePresets.json; when nothing
# changed it takes seconds and rebuilds nothing.
cmake --preset "$preset" >/dev/null
