#!/usr/bin/env bash
# The main job on embedded defaults: set up a venv, then ingest the sample articles, compose,
# render and publish them to the outbox under $SOCIALBOT_HOME (default ./var).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/socialbot ]; then
  python3 -m venv .venv
  .venv/bin/pip install -q --upgrade pip
  .venv/bin/pip install -q -e .
fi
exec .venv/bin/socialbot demo "$@"
