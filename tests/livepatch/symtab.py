#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Decode the symbol table linked into a hypervisor ELF, as
xen/include/xen/symbols.h describes it, and compare every entry with what nm
says of the same ELF (the list scripts/gen-symbols.sh starts from).

    symtab.py NM ELF    prints one TAP line, exits 1 on a difference
"""
import struct
import subprocess
import sys

STEP = 128  # SYMBOLS_STEP
# The table's own labels, which gen-symbols.sh leaves out of it.
TABLE_LABELS = {"symbols_" + n for n in ("base", "count", "blocks", "pairs", "entries", "strings",
                                         "end")}


def sections(elf):
    """(address, file offset, size) of every allocated section with contents."""
    shoff, = struct.unpack_from("<Q", elf, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", elf, 0x3a)
    out = []
    for i in range(shnum):
        _, typ, flags, addr, off, size = struct.unpack_from("<IIQQQQ", elf, shoff + i * shentsize)
        if flags & 2 and typ != 8:  # SHF_ALLOC, not SHT_NOBITS
            out.append((addr, off, size))
    return out


def reader(elf):
    secs = sections(elf)

    def at(addr, n):
        for a, off, size in secs:
            if a <= addr and addr + n <= a + size:
                return elf[off + addr - a:off + addr - a + n]
        raise ValueError(f"0x{addr:x}: in no section")
    return at


def leb128(buf, i, signed):
    v = shift = 0
    while True:
        b = buf[i]
        i += 1
        v |= (b & 0x7f) << shift
        shift += 7
        if not b & 0x80:
            break
    if signed and b & 0x40:
        v -= 1 << shift
    return v, i


def nm_list(nm, path, labels=False):
    """What gen-symbols.sh keeps of nm -n -S --defined-only, in its order (labels: the table's too)."""
    out = []
    lines = subprocess.run([nm, "-n", "-S", "--defined-only", path], check=True,
                           capture_output=True, text=True).stdout.splitlines()
    for line in lines:
        f = line.split()
        if len(f) == 3:
            f = [f[0], "0", f[1], f[2]]
        if len(f) != 4:
            continue
        addr, size, typ, name = f
        if name.startswith(".L") or name.startswith("$") or typ in "aAN":
            continue
        if name in TABLE_LABELS and not labels:
            continue
        out.append((int(addr, 16), int(size, 16), typ.isupper(), name))
    return out


def main():
    nm, path = sys.argv[1], sys.argv[2]
    elf = open(path, "rb").read()
    at = reader(elf)
    want = nm_list(nm, path)
    sym = {name: addr for addr, _, _, name in nm_list(nm, path, True)}
    base, = struct.unpack("<Q", at(sym["symbols_base"], 8))
    count, = struct.unpack("<I", at(sym["symbols_count"], 4))
    end = sym["symbols_end"]
    entries = at(sym["symbols_entries"], sym["symbols_strings"] - sym["symbols_entries"])
    strings = at(sym["symbols_strings"], end - sym["symbols_strings"])
    pairs = at(sym["symbols_pairs"], 512)

    def expand(c):
        l, r = pairs[2 * c], pairs[2 * c + 1]
        return expand(l) + expand(r) if l else chr(c)

    got, negative = [], 0
    for b in range((count + STEP - 1) // STEP):
        baddr, eoff, noff = struct.unpack("<IHH", at(sym["symbols_blocks"] + 8 * b, 8))
        addr, size = base + baddr, 0
        for k in range(min(STEP, count - b * STEP)):
            if k:
                addr += size
            v, eoff = leb128(entries, eoff, False)
            if v & 1:
                gap, eoff = leb128(entries, eoff, True)
                negative += gap < 0
                addr += gap
            size = (v >> 3) * (4 if v & 4 else 1)
            raw = strings[noff:noff + strings[noff:].index(0)]
            noff += len(raw) + 1
            name = "".join(expand(c) for c in raw)
            got.append((addr, size, bool(v & 2), name))
    bad = [(w, g) for w, g in zip(want, got) if w != g]
    if len(want) != len(got) or bad:
        print(f"not ok - symbols: the table in {path} differs from nm ({len(got)} entries, "
              f"nm {len(want)}); first: {bad[:3]}")
        return 1
    print(f"ok - symbols: the table in {path} decodes to nm's {len(want)} symbols "
          f"({len(entries)} bytes of addresses and sizes, {negative} negative distances)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
