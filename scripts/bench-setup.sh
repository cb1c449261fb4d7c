#!/usr/bin/env bash
# What the benchmarks need beyond the project's own set-up: Debian's pandoc (the DOCX anchor).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if ! command -v pandoc >/dev/null; then
  echo "bench-setup: installing pandoc" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends pandoc >/dev/null
fi
