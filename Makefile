# Shortcuts; the scripts work without make.
.PHONY: setup brief test bench
setup:
	bash scripts/setup.sh
brief: setup
	.venv/bin/reporter brief --years 2021-2024
test:
	bash scripts/test.sh
bench: setup
	.venv/bin/python benchmarks/ingest.py
	.venv/bin/python benchmarks/render.py
	.venv/bin/python benchmarks/brief.py
