#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# keel-release benchmarks (make bench). Prints figures; asserts nothing.
#  1. check over a 10-commit range of our own public/ (in a scratch clone);
#  2. abi diff between two generated directories of 64 headers, every header
#     changed (no pre-check shortcut) and 2 of 64 changed, next to the
#     libabigail pipeline of Linux's check-uapi.sh on the same input
#     (per header: a stub object with all debug types, abidiff).
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$HERE/lib.sh"

now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print('%.3f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$1" "$2"; }
best_of() { # n command... ; prints the best wall time of n runs
    local n=$1 best=
    shift
    for _ in $(seq "$n"); do
        local s e t
        s=$(now)
        "$@" >/dev/null 2>&1
        e=$(now)
        t=$(elapsed "$s" "$e")
        if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < float(sys.argv[2]) else 1)" "$t" "$best"; then
            best=$t
        fi
    done
    echo "$best"
}

# ---- 1. check over 10 commits of public/ ----
git clone -q "$REPO" "$T/clone"
# Acked like a real change, so that the figure is the gate passing (exit 4).
ACK_AS="Keel ABI maintainers <abi@keel.invalid>"
(
    cd "$T/clone" || exit 1
    files=(version.h sched.h sysctl.h errno.h features.h)
    for i in $(seq 1 10); do
        f=public/${files[$((i % 5))]}
        # A tagged addition just before the include guard's #endif.
        python3 - "$f" "$i" <<'PY'
import sys
path, i = sys.argv[1], sys.argv[2]
text = open(path).read()
cut = text.rstrip().rfind("#endif")
add = "/* @abi since=1.1 */\n#define KEEL_BENCH_ITEM_%s %s\n\n" % (i, i)
open(path, "w").write(text[:cut] + add + text[cut:])
PY
        commit_all "bench: public change $i"
    done
)
t=$(cd "$T/clone" && best_of 3 "$KR" check HEAD~10..HEAD)
rc=$(cd "$T/clone" && "$KR" check HEAD~10..HEAD >/dev/null 2>&1; echo $?)
echo "bench-release: check over 10 commits of public/: ${t} s (exit $rc; target < 0.3 s)"

# ---- 2. 64 generated headers ----
gen() { # dir variant
    mkdir -p "$1"
    cat >"$1/common.h" <<'H'
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H
#include <stdint.h>
/* @abi since=1.0 */
#define BENCH_BASE 0x1000
#endif
H
    for h in $(seq -w 1 64); do
        python3 - "$1/hdr_$h.h" "$h" "$2" <<'PY'
import sys
path, h, variant = sys.argv[1], int(sys.argv[2]), sys.argv[3]
out = ["#ifndef BENCH_HDR_%d_H" % h, "#define BENCH_HDR_%d_H" % h, '#include "common.h"']
for m in range(24):
    val = "(BENCH_BASE + %d)" % (h * 100 + m)
    if variant == "all" and m == 5 or variant == "two" and h <= 2 and m == 5:
        val = "(BENCH_BASE + %d)" % (h * 100 + m + 1)
    out += ["/* @abi since=1.0 */", "#define BENCH_%d_OP_%d %s" % (h, m, val)]
for s in range(4):
    out += ["/* @abi since=1.0 */", "struct bench_%d_%d {" % (h, s)]
    for f in range(8):
        ty = ["uint8_t", "uint16_t", "uint32_t", "uint64_t"][(f + s) % 4]
        out.append("    %s f%d;" % (ty, f))
    out += ["};", "/* @abi since=1.0 */", "typedef struct bench_%d_%d bench_%d_%d_t;" % (h, s, h, s)]
out += ["/* @abi since=1.0 */", "enum bench_%d_e {" % h]
out += ["    BENCH_%d_E%d = %d," % (h, e, e) for e in range(12)]
out += ["};", "#endif", ""]
open(path, "w").write("\n".join(out))
PY
    done
}
gen "$T/a" none
gen "$T/all" all
gen "$T/two" two

abigail() { # old new: the check-uapi.sh pipeline, header by header
    local d o
    for d in "$1" "$2"; do
        mkdir -p "$d.o"
        for h in "$d"/hdr_*.h; do
            o="$d.o/$(basename "$h" .h)"
            printf '#include "%s"\nint keel_abi_stub;\n' "$(basename "$h")" >"$o.c"
            gcc -g -fno-eliminate-unused-debug-types -c -I"$d" -o "$o.o" "$o.c"
        done
    done
    for h in "$1"/hdr_*.h; do
        o=$(basename "$h" .h)
        abidiff --non-reachable-types "$1.o/$o.o" "$2.o/$o.o" >/dev/null
    done
    rm -rf "$1.o" "$2.o"
}

ka=$(best_of 3 "$KR" abi diff "$T/a" "$T/all")
kt=$(best_of 3 "$KR" abi diff "$T/a" "$T/two")
if command -v abidiff >/dev/null; then
    aa=$(best_of 1 abigail "$T/a" "$T/all")
    ratio=$(python3 -c "import sys; print('%.1f' % (float(sys.argv[1]) / max(float(sys.argv[2]), 1e-6)))" "$aa" "$ka")
else
    aa=n/a
    ratio=n/a
fi
summary=$("$KR" abi diff "$T/a" "$T/all" | tail -n 1)
echo "bench-release: abi diff, 64 headers all changed: $summary"
echo "bench-release: abi diff, 64 headers all changed: ${ka} s (target < 2 s); libabigail pipeline: ${aa} s; speed-up ${ratio}x (target >= 3x)"
echo "bench-release: abi diff, 64 headers, 2 changed (byte pre-check): ${kt} s"
