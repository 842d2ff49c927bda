#!/bin/sh
# Runs axe-core in Chromium over the department and organisation HTML
# reports at 1280 and 320 px, with the reflow check (TestHTML_Axe). Needs
# node, npm and Chromium:
#   apt-get install -y nodejs npm chromium
# It installs the npm modules (axe-core, playwright-core) on first use.
# Run from anywhere; fails when a tool is missing.
set -e
cd "$(dirname "$0")"
if [ ! -f node_modules/axe-core/package.json ] || [ ! -f node_modules/playwright-core/package.json ]; then
	npm ci --no-audit --no-fund
fi
cd ../../../..
MATURITY_AXE=required exec go test ./internal/report -run '^TestHTML_Axe$' -count=1
