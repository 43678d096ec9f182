#!/bin/sh
# The main job's invariants on make demo's outputs (tests/demo/run.py).
exec python3 "$(dirname "$0")/run.py"
