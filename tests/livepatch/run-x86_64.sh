#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# run-x86_64.sh OUTDIR: the live-patch suite on x86-64. Boots
# OUTDIR/keel-livepatch.iso (GRUB multiboot2, built by tests/livepatch/suite.mk)
# in Bochs through tests/x86_64/run-bochs.sh: d1 (control domain) runs the
# live-patch guest with the x86-64 payloads of this very hypervisor build, d2
# (no capabilities) the bystander, on a second CPU. Ends with "livepatch-x86_64: N passed, N failed".
set -uo pipefail

out=$1
log=$out/livepatch/serial.log
# shellcheck source=tests/livepatch/tap.sh
. "$(dirname "$0")/tap.sh"

# Two CPUs: d1 and d2 each on its own, so every rendezvous IPIs the other one.
BOCHS_CPUS=${BOCHS_CPUS:-2} "$(dirname "$0")/../x86_64/run-bochs.sh" "$out/keel-livepatch.iso" "$log" 300
sed -i 's/\r$//' "$log"
cat "$out/livepatch/timing"
check_symtab nm "$out/xen-syms"
expect "x86_64 livepatch: hypervisor banner" '^\(XEN\) Keel '
expect "x86_64 livepatch: APPLY stopped both CPUs, xen_extra_version named by the symbol table" \
    '^\(XEN\) livepatch: applied hello_world \(xen_extra_version\+0x0/0x[0-9a-f]+\): 2 CPUs quiesced'
collect_tap 1 "x86_64 control domain"
collect_tap 2 "x86_64 non-control domain"
expect "x86_64 livepatch: d1 (control) powered off" '^\(XEN\) d1 \(control\) shut down: poweroff'
expect "x86_64 livepatch: d2 (bystander) powered off" '^\(XEN\) d2 \(bystander\) shut down: poweroff'
l1=$(grep -n '^(XEN) d1 (control) shut down' "$log" | cut -d: -f1)
l2=$(grep -n '^(XEN) d2 (bystander) shut down' "$log" | cut -d: -f1)
if [ -n "$l1" ] && [ -n "$l2" ] && [ "$l2" -gt "$l1" ]; then
    ok "x86_64 livepatch: d2 kept running through all of d1's patching"
else
    not_ok "x86_64 livepatch: d2 ended before d1 finished patching"
fi
expect_not "x86_64 livepatch: no hypervisor fault" 'FATAL: hypervisor exception'
if [ "$failed" = 1 ]; then
    echo "---- serial log of the x86-64 live-patch run ----"
    tail -n 120 "$log"
    echo "---- end ----"
fi
echo "livepatch-x86_64: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
