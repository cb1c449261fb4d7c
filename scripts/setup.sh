#!/usr/bin/env bash
# Set up a fresh machine: system packages (CJK font, HarfBuzz subsetter, poppler for tests and the
# preview's print view, Chromium for the preview's browser test: Playwright drives Debian's chromium,
# never a browser of its own, so `playwright install` is not run),
# then a virtualenv with reporter installed in editable mode. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
# fonts-noto-core: Noto Serif, the Latin face of English text in bilingual products
for pkg in fonts-noto-cjk fonts-noto-core libharfbuzz-subset0 poppler-utils chromium; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "setup: installing ${need[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -e ".[test]" 2>&1 | grep -v "^WARNING: Location" || true
.venv/bin/python -c "import reporter, weasyprint, docx" || { echo "setup: the Python packages did not install" >&2; exit 1; }
