#!/usr/bin/env bash
# Set up a fresh Debian machine: system packages, then a virtualenv with reporter installed in
# editable mode. Safe to run again: only what is missing is installed, and each step says so.
#   python3-venv                  the virtualenv below
#   libpango-1.0-0 libpangoft2    WeasyPrint's text layout (PDF)
#   fonts-noto-cjk                the CJK font every output embeds
#   fonts-noto-core               Noto Serif, the Latin face of English text
#   libharfbuzz-subset0           font subsetting (~0.4 s instead of ~15 s per CJK PDF)
#   poppler-utils                 pdftotext/pdftoppm for the tests and the preview's print view
#   chromium                      the preview's browser test (Playwright drives Debian's chromium; `playwright install` is never run)
#   libreoffice-writer-nogui      headless DOCX -> PDF, to check Word output as LibreOffice lays it out (large);
#                                 also reads .doc/.wps sources (converted to .docx) for `reporter ingest`
#   tesseract-ocr tesseract-ocr-chi-sim   OCR of scanned PDFs and images (`reporter ingest --ocr`), ~50 MB
set -euo pipefail
cd "$(dirname "$0")/.."
say() { echo "setup: $*" >&2; }
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
need=()
# fonts-noto-core: Noto Serif, the Latin face of English text in bilingual products
# tesseract-ocr, tesseract-ocr-chi-sim: OCR of Chinese scans (reporter ingest --ocr) and its tests
for pkg in python3-venv libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk fonts-noto-core libharfbuzz-subset0 poppler-utils \
           tesseract-ocr tesseract-ocr-chi-sim; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
# Chromium: the preview's browser test only; skip it with REPORTER_NO_BROWSER=1 (the test then skips, saying why)
if [ -z "${REPORTER_NO_BROWSER:-}" ] && ! dpkg -s chromium >/dev/null 2>&1; then
  need+=(chromium)
fi
# LibreOffice: any Writer package will do; skip it with REPORTER_NO_LIBREOFFICE=1 (it is ~300 MB)
if [ -z "${REPORTER_NO_LIBREOFFICE:-}" ] && ! command -v soffice >/dev/null 2>&1 \
   && ! dpkg -s libreoffice-writer-nogui >/dev/null 2>&1 && ! dpkg -s libreoffice-writer >/dev/null 2>&1; then
  need+=(libreoffice-writer-nogui)
fi
if [ ${#need[@]} -gt 0 ]; then
  say "updating the package lists"
  $sudo apt-get update -qq
  say "installing ${need[*]} (this can take a few minutes)"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  say "system packages already present"
fi
if [ ! -x .venv/bin/python ]; then
  say "creating the virtualenv .venv"
  python3 -m venv .venv
fi
say "installing reporter and its Python dependencies into .venv"
.venv/bin/pip install -q --disable-pip-version-check -e ".[test]" 2>&1 | grep -v "^WARNING: Location" || true
.venv/bin/python -c "import reporter, weasyprint, docx" || { say "the Python packages did not install"; exit 1; }
say "done: run .venv/bin/reporter --help"
