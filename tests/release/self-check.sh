#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The "release-check" suite: keel-release on the project's own history.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT

{
    out=$("$KR" check --last-release 2>&1)
    rc=$?
    echo "$out" | sed 's/^/# /'
    [ $((rc & ~4)) -eq 0 ]
    tap $? "check since the last release passes on our history (exit $rc)"

    out=$("$KR" maintainers --self-test 2>&1)
    rc=$?
    echo "$out" | sed 's/^/# /'
    [ "$rc" -eq 0 ]
    tap $? "our MAINTAINERS passes --self-test (exit $rc)"

    out=$("$KR" deprecations --rev HEAD 2>&1)
    rc=$?
    echo "$out" | sed 's/^/# /'
    [ "$rc" -eq 0 ]
    tap $? "deprecation rules hold at HEAD (exit $rc)"

    # The baseline must come out of its own commit unchanged: extraction is
    # deterministic and the file was not edited by hand.
    latest=$(ls release/abi/ 2>/dev/null | grep -E '^[0-9]+\.[0-9]+\.json$' | sort -V | tail -n 1)
    if [ -n "$latest" ]; then
        commit=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["commit"])' \
            "release/abi/$latest")
        tmp=$(mktemp)
        "$KR" abi dump --rev "$commit" -o "$tmp"
        python3 - "release/abi/$latest" "$tmp" <<'PY'
import json, sys
a, b = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
for d in (a, b):
    d.pop("release", None)
    d.pop("commit", None)
sys.exit(0 if a == b else 1)
PY
        tap $? "release/abi/$latest regenerates identically from $commit"
        rm -f "$tmp"
    else
        tap 1 "a release baseline exists in release/abi/"
    fi
} 2>&1 | tee "$LOG"

pass=$(grep -c '^ok ' "$LOG")
fail=$(grep -c '^not ok' "$LOG")
echo "release-check: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
