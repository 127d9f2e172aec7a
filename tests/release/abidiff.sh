#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# keel-release next to libabigail on the same fixture changes. For abidiff,
# each version's headers are compiled into a stub object with all debug
# types kept and compared with --non-reachable-types, as Linux's
# scripts/check-uapi.sh does. The table records where the two agree; the
# assertions are that keel-release sees every change, and that it sees the
# macro renumbering which DWARF cannot carry and abidiff therefore misses.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

if ! command -v abidiff >/dev/null; then
    tap 1 "abidiff (abigail-tools) is installed"
    exit 0
fi

mkdir -p "$WORK/old"
cat >"$WORK/old/abi.h" <<'H'
#include <stdint.h>
/* @abi since=1.0 */
#define __HYPERVISOR_sched_op 29
/* @abi since=1.0 */
struct xen_pair {
    uint32_t a;
    uint32_t b;
};
/* @abi since=1.0 */
struct xen_padded {
    uint8_t kind;
    uint8_t pad[3];
    uint32_t value;
};
/* @abi since=1.0 */
enum xen_shutdown { SHUTDOWN_poweroff, SHUTDOWN_reboot, SHUTDOWN_MAX = SHUTDOWN_reboot };
H

stub() { # dir object
    printf '#include "abi.h"\nint keel_abi_stub;\n' >"$1/stub.c"
    gcc -g -fno-eliminate-unused-debug-types -c -I"$1" -o "$2" "$1/stub.c"
}
stub "$WORK/old" "$WORK/old.o" || { tap 1 "stub object compiles"; exit 0; }

# case name, sed expression turning old into new
cases=(
    "renumbered-macro|s/__HYPERVISOR_sched_op 29/__HYPERVISOR_sched_op 30/"
    "member-widened|/struct xen_pair/,/};/s/uint32_t b;/uint64_t b;/"
    "member-reordered|/struct xen_pair/,/};/{s/uint32_t a;/uint32_t T;/;s/uint32_t b;/uint32_t a;/;s/uint32_t T;/uint32_t b;/}"
    "member-appended|/struct xen_pair/,/};/s/uint32_t b;/uint32_t b;\n    uint32_t c;/"
    "padding-reused|s/    uint8_t pad\\[3\\];/    uint8_t flags;\n    uint8_t pad[2];/"
    "enum-sentinel|s/SHUTDOWN_reboot, SHUTDOWN_MAX = SHUTDOWN_reboot/SHUTDOWN_reboot, SHUTDOWN_crash, SHUTDOWN_MAX = SHUTDOWN_crash/"
)

echo "# case                keel-release  abidiff  agree"
agree=0
for c in "${cases[@]}"; do
    name=${c%%|*}
    expr=${c#*|}
    rm -rf "$WORK/new"
    cp -a "$WORK/old" "$WORK/new"
    sed -i "$expr" "$WORK/new/abi.h"
    "$KR" abi diff "$WORK/old" "$WORK/new" >"$WORK/$name.txt" 2>&1
    krc=$?
    stub "$WORK/new" "$WORK/new.o"
    abidiff --non-reachable-types "$WORK/old.o" "$WORK/new.o" >"$WORK/$name.abidiff" 2>&1
    arc=$?
    k=$([ $((krc & 12)) -ne 0 ] && echo change || echo none)
    a=$([ $((arc & 12)) -ne 0 ] && echo change || echo none)
    [ $((arc & 3)) -eq 0 ] || { tap 1 "abidiff runs on $name (exit $arc)"; continue; }
    same=$([ "$k" = "$a" ] && echo yes || echo no)
    [ "$same" = yes ] && agree=$((agree + 1))
    printf '# %-20s  %-12s  %-7s  %s (exit %d / %d)\n' "$name" "$k" "$a" "$same" "$krc" "$arc"
    [ "$k" = change ]
    tap $? "keel-release reports $name"
    if [ "$name" = renumbered-macro ]; then
        grep -q 'value_changed macro __HYPERVISOR_sched_op: 29 (0x1d) -> 30 (0x1e)' "$WORK/$name.txt" &&
            [ $((krc & 8)) -ne 0 ]
        tap $? "keel-release classifies the renumbered macro as incompatible"
        [ "$arc" -eq 0 ]
        tap $? "abidiff cannot see the macro renumbering (exit $arc): keel-release does"
    fi
done
echo "# keel-release and abidiff agree on $agree of ${#cases[@]} cases"
