#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Instruction-by-instruction profile of an exit path, from a QEMU trace.

Run the hypervisor and a guest under QEMU with every executed instruction
logged (docs/arm64.md, "Profiling an exit path"):
    -icount shift=0,sleep=off -singlestep -d exec,nochain \\
    -dfilter 0x40000000..0x40400000 -D TRACE
then
    exit-path-profile.py TRACE XEN_SYMS GUEST_ELF FROM TO [N]
prints the N-th (default 100th) run from FROM to TO as consecutive
stretches per function, with the instruction count of each. FROM and TO
are symbols, optionally with +offset (hyp_vectors+0x480: the vector of an
IRQ from a lower EL). The hypervisor is taken to run at XEN_BASE (the
environment, default 0x40200000: where the tests load it, 1:1), the guest
where its ELF is linked.
"""
import bisect
import os
import re
import subprocess
import sys


def symbols(elf, base):
    out = subprocess.run(["aarch64-linux-gnu-nm", "-n", elf], capture_output=True, text=True,
                         check=True).stdout
    syms = []
    for line in out.splitlines():
        f = line.split()
        if len(f) == 3 and f[1] in "tTwW":
            syms.append((int(f[0], 16) + base, f[2]))
    return syms


def main():
    if len(sys.argv) < 6:
        print(__doc__, file=sys.stderr)
        return 2
    trace, xen_syms, guest_elf, start, end = sys.argv[1:6]
    nth = int(sys.argv[6]) if len(sys.argv) > 6 else 100
    base = int(os.environ.get("XEN_BASE", "0x40200000"), 16)
    tabs = [symbols(xen_syms, base), symbols(guest_elf, 0)]
    keys = [[a for a, _ in t] for t in tabs]

    def name(pc):
        for t, k in sorted(zip(tabs, keys), key=lambda tk: -tk[1][0] if tk[1] else 0):
            i = bisect.bisect_right(k, pc) - 1
            if i >= 0 and pc >= k[0]:
                return t[i][1], pc - t[i][0]
        return "?", pc

    def addr(spec):
        sym, _, off = spec.partition("+")
        for t in tabs:
            for a, n in t:
                if n == sym:
                    return a + (int(off, 16) if off else 0)
        sys.exit(f"no symbol {sym}")

    pcs = []
    with open(trace) as f:
        for line in f:
            m = re.search(r"/([0-9a-f]{16})/", line)
            if m:
                pcs.append(int(m.group(1), 16))
    sa, ea = addr(start), addr(end)
    starts = [i for i, p in enumerate(pcs) if p == sa]
    if nth >= len(starts):
        sys.exit(f"{start} reached {len(starts)} times, not {nth + 1}")
    i = starts[nth]
    j = pcs.index(ea, i)
    print(f"{start} -> {end}: {j - i} instructions (run {nth} of {len(starts)})")
    run = None
    for k in range(i, j + 1):
        n, off = name(pcs[k])
        if run and run[0] == n and off >= run[2]:
            run[1] += 1
            run[2] = off
        else:
            if run:
                print(f"{run[3]:5d} {run[0]} ({run[1]})")
            run = [n, 1, off, k - i]
    print(f"{run[3]:5d} {run[0]} ({run[1]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
