#!/usr/bin/env bash
# Lint: ruff (pyproject.toml) and pylint-odoo's mandatory checks (.pylintrc-mandatory).
source "$(dirname "$0")/common.sh"
cd "$ROOT"
"$VENV/bin/ruff" check addons tests scripts benchmarks
"$VENV/bin/pylint" --rcfile=.pylintrc-mandatory addons/* 
