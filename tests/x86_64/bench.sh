#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# bench.sh OUTDIR: x86_64 figures, printed and never asserted, next to the
# anchors of issue 7 (Xen 4.22 in the same Bochs, corei7_skylake_x, ips 200M,
# with a bare-metal PVH guest as dom0):
#  - instructions per null VMCALL round trip: the portable bench guest times
#    100 000 xen_version(XENVER_version) calls and an identical loop with a
#    nop in place of the vmcall, with lfence; rdtsc; lfence. With Bochs'
#    clock: sync=none the TSC advances one tick per emulated instruction.
#    Printed beside issue 13's target (<= 120) and the figure before the
#    hypercall fast path (219, the C exit path on every VMCALL);
#  - size of xen-syms (text, data, bss) and of the xen image;
#  - wall time from Bochs start to the first guest line.
set -uo pipefail

out=$1
here=$(dirname "$0")
XEN_INSTR=881 XEN_FIRST_LINE=11.3 XEN_TEXT=1802054
VMCALL_TARGET=120 VMCALL_BEFORE=219

"$here/run-bochs.sh" "$out/keel-bench.iso" "$out/bench/serial.log" 120
log=$out/bench/serial.log
line=$(grep -m1 '^(d1) bench: [0-9]* null hypercalls [0-9]* counter ticks' "$log")
echo "x86_64 bench (Bochs 2.7, corei7_skylake_x, ips 200M, clock sync=none: 1 TSC tick = 1 instruction)"
if [ -n "$line" ]; then
    echo "$line" | awk -v xen=$XEN_INSTR -v target=$VMCALL_TARGET -v before=$VMCALL_BEFORE '{
        n = $3; hc = $6; empty = $11
        per = (hc - empty) / n
        printf "bench: x86_64 null VMCALL round trip: %.1f instructions; target <= %d, before the fast path %d (Xen 4.22: %d, %.1f%% of it)\n",
            per, target, before, xen, 100 * per / xen }'
else
    echo "bench: x86_64 null VMCALL round trip: no figure (serial log follows)"
    cat "$log"
fi
size "$out/xen-syms" | awk -v xen=$XEN_TEXT 'NR == 2 {
    printf "bench: x86_64 xen-syms: text %d (Xen 4.22: %d; target <= 131072), data %d, bss %d bytes\n",
        $1, xen, $2, $3 }'
echo "bench: x86_64 xen image: $(stat -c %s "$out/xen") bytes (Xen 4.22 xen.gz: 1222244)"
sed -n 's/^run-bochs: \(.*\), first guest line after \(.*\) s$/\2 \1/p' "$out/bench/timing" |
    awk -v xen=$XEN_FIRST_LINE '{ printf "bench: x86_64 Bochs start to first guest line: %s s (Xen 4.22: %s s; target < %.2f s); whole run %s s\n", $1, xen, xen / 2, $2 }'
