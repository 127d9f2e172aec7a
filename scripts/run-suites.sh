#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Run each named test suite (make check-NAME), show its output, and add up the
# "N passed, N failed" line each one ends with. A suite that exits non-zero
# without reporting a failure, or reports nothing, counts as one failure.
# Prints the grand total last and exits 1 if anything failed.
set -uo pipefail

mkdir -p out/results
total_pass=0
total_fail=0
for suite in "$@"; do
    log=out/results/$suite.log
    echo "=== suite $suite"
    make --no-print-directory "check-$suite" 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
    summary=$(grep -E '^([A-Za-z0-9_.-]+: )?[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
    if [ -z "$summary" ]; then
        echo "$suite: no summary line (exit status $rc): counted as 1 failure"
        total_fail=$((total_fail + 1))
        continue
    fi
    p=$(sed -E 's/^([A-Za-z0-9_.-]+: )?([0-9]+) passed, ([0-9]+) failed.*/\2/' <<<"$summary")
    f=$(sed -E 's/^([A-Za-z0-9_.-]+: )?([0-9]+) passed, ([0-9]+) failed.*/\3/' <<<"$summary")
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        echo "$suite: exit status $rc with no failure reported: counted as 1 failure"
        f=1
    fi
    total_pass=$((total_pass + p))
    total_fail=$((total_fail + f))
done
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
