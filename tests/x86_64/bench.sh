#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# bench.sh OUTDIR: x86_64 figures, printed and never asserted.
#  - size of xen-syms (text, data, bss) and of the xen image;
#  - wall time from Bochs start to the first guest line (and in all);
#  - TSC ticks per null VMCALL round trip, measured by the guest
#    (xen_version(XENVER_version) x 100000 minus the empty loop; with Bochs'
#    clock: sync=none the TSC counts about one tick per instruction).
set -uo pipefail

out=$1
here=$(dirname "$0")

size "$out/xen-syms" | awk 'NR == 2 { printf "bench: x86_64 xen-syms: text %d, data %d, bss %d bytes\n", $1, $2, $3 }'
echo "bench: x86_64 xen image: $(stat -c %s "$out/xen") bytes"
"$here/run-bochs.sh" "$out/keel-bench.iso" "$out/bench/serial.log" 120
sed 's/^run-bochs:/bench: x86_64 Bochs:/' "$out/bench/timing"
line=$(grep -m1 '^(d1) bench:' "$out/bench/serial.log" | sed 's/^(d1) bench: //')
if [ -n "$line" ]; then
    echo "bench: x86_64 $line"
else
    echo "bench: x86_64 vmcall round trip: no figure (serial log follows)"
    cat "$out/bench/serial.log"
fi
