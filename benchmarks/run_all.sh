#!/usr/bin/env bash
# Scale benchmarks of issues 4 and 9 in one command; see benchmarks/README.md.
#
#   benchmarks/run_all.sh           1k, 10k, 100k (all figures) and 1M (typing only)
#   benchmarks/run_all.sh --quick   1k and 10k only
#
# Inputs and libraries are built under /tmp/warta-bench the first time and reused after
# (delete that folder to rebuild). The 100k import takes about two minutes, the 1M library
# (replicated from the 100k one, see the README) two or three more.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
ROOT=/tmp/warta-bench
mkdir -p "$ROOT"

quick=0
if [[ "${1:-}" == "--quick" ]]; then
    quick=1
elif [[ -n "${1:-}" ]]; then
    echo "usage: $0 [--quick]" >&2
    exit 2
fi

echo "== machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB RAM," \
    "$($PY -c 'import platform; print("Python", platform.python_version())'), textual" \
    "$($PY -c 'import textual; print(textual.__version__)'), load $(cut -d' ' -f1-3 /proc/loadavg)"

if [[ $quick == 1 ]]; then
    sizes=(1000 10000)
else
    sizes=(1000 10000 100000)
fi

# An installed Warta has its modules compiled; this environment may set
# PYTHONDONTWRITEBYTECODE, which would make every process compile them again (~60 ms of
# `warta list`'s start).
$PY -m compileall -q store tui > /dev/null

echo "== building inputs and libraries (reused when present)"
$PY benchmarks/make_scaled.py "${sizes[@]}"

echo "== full-text indexes (built by the import; a library from before issue 9 gets one here)"
for n in "${sizes[@]}"; do
    .venv/bin/warta --db "$ROOT/lib-$n" reindex | tail -1
done

echo "== benchmarks at ${sizes[*]}"
$PY benchmarks/bench_scale.py --sizes "${sizes[@]}" --json "$ROOT/results.json"

if [[ $quick == 0 ]]; then
    if [[ -d "$ROOT/real-1000000" ]]; then
        # The real 1M import (see the README for how it was made and timed), with its
        # full-text index: every query set, open, ready and memory.
        echo "== 1M: the imported library of 1M distinct articles"
        $PY benchmarks/bench_scale.py --sizes 1000000 --lib "$ROOT/real-1000000" \
            --only keys,tag,open,cli --open-runs 3 --json "$ROOT/results-1m.json"
    else
        echo "== 1M: library replicated from the 100k one (no real 1M import here; README)"
        $PY benchmarks/make_scaled.py 1000000 --synth-from 100000
        # The replicated library has no full-text index: the reader is told not to start
        # building it during the run.
        WARTA_NO_AUTO_INDEX=1 $PY benchmarks/bench_scale.py --sizes 1000000 \
            --only keys,scroll,tag,open --open-runs 1 \
            --json "$ROOT/results-1m.json"
    fi
fi
echo "== load after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
