# ctxh: setup, run and test in two commands. See README.md.
# ODOO_SRC names an Odoo 18.0 source tree (optional where `import odoo` already works).
.PHONY: run test lint setup i18n bench generate screenshots help test-odoo-hr test-odoo-account

help:
	@echo "make run    - system packages, .venv and the Vietnamese demo database \$$CTXH_DB (ctxh_demo) when missing,"
	@echo "              then serve it on http://127.0.0.1:\$$CTXH_PORT (8069), login admin / admin"
	@echo "make test   - system packages, .venv, lint + the whole test suite on a throwaway database (tours on \$$CTXH_TEST_PORT, 8169)"
	@echo "make lint   - ruff and pylint-odoo mandatory checks"
	@echo "make setup  - only create/refresh .venv"
	@echo "make i18n DB=ctxh_demo MODULES=ctxh_case - regenerate .pot files and merge new terms into vi.po"
	@echo "make bench  - benchmarks on \$$CTXH_BENCH_DB (ctxh_bench, filled by make generate), rolled back, printing figures and targets"
	@echo "make generate SCALE=demo|hospital|province - a seeded Vietnamese hospital for benchmarks in \$$CTXH_BENCH_DB"
	@echo "              (ctxh_bench, created without demo data when missing; refused when it holds generated data)"
	@echo "make screenshots - docs/screenshots/*.png of the main screens in Vietnamese, from the demo (\$$CTXH_DB on \$$CTXH_PORT)"
	@echo "make test-odoo-hr      - Odoo's own hr tests on a fresh database with the ctxh addons installed"
	@echo "make test-odoo-account - Odoo's own account tests with ctxh installed (about 10 min: before each release)"

setup:
	@scripts/setup.sh

run:
	@scripts/run.sh

test:
	@scripts/test.sh

lint: setup
	@scripts/lint.sh

i18n: setup
	@scripts/i18n.sh $(or $(DB),ctxh_demo) $(or $(MODULES),ctxh_case,ctxh_volunteer,ctxh_donation,ctxh_reporting)

bench:
	@scripts/bench.sh

generate:
	@SCALE=$(or $(SCALE),hospital) scripts/generate.sh

# Odoo's own tests with ctxh installed (scripts/test_odoo.sh; add --without-ctxh to compare).
test-odoo-hr:
	@scripts/test_odoo.sh hr

test-odoo-account:
	@scripts/test_odoo.sh account

screenshots: setup
	@scripts/screenshots.sh
