#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The "release" suite: fixture repositories, the CUnit tests of the diff
# logic, and the side-by-side comparison with libabigail. Every assertion
# prints "ok N - ..." or "not ok N - ..."; the last line is the summary.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT

{
    echo "# fixtures"
    bash "$HERE/fixtures.sh"
    echo "# abi diff on header directories (issue 18)"
    TESTNO=500 bash "$HERE/diff-fixtures.sh"
    echo "# governance fixtures"
    TESTNO=1000 bash "$HERE/governance.sh"
    echo "# attacks on the governance gate (issue 19)"
    TESTNO=3000 bash "$HERE/attacks.sh"
    echo "# unit (CUnit, ASan/UBSan)"
    "$UNIT" || echo "not ok - unit test binary exited with status $?"
    echo "# side by side with libabigail"
    bash "$HERE/abidiff.sh"
    echo "# foreign public headers: Xen, Linux UAPI, libgit2"
    TESTNO=2000 OUTDIR="$OUTDIR" bash "$HERE/foreign.sh"
} 2>&1 | tee "$LOG"

pass=$(grep -c '^ok ' "$LOG")
fail=$(grep -c '^not ok' "$LOG")
echo "release: $pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
