#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""func-info.py ELF SYMBOL: print "-DOLD_SIZE=N -DOLD_BYTES=0x..,0x..,0x..,0x.." for a
function of a hypervisor build (its size and its first 4 bytes as linked), for
test payloads that must be built against the exact binary they patch."""
import struct
import sys


def main():
    path, want = sys.argv[1], sys.argv[2]
    data = open(path, "rb").read()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        sys.exit(f"func-info.py: {path} is not a little-endian ELF64 file")
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3a)
    secs = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    for name, typ, flags, addr, off, size, link, info, align, entsize in secs:
        if typ != 2:  # SHT_SYMTAB
            continue
        strtab = secs[link]
        for k in range(size // 24):
            st_name, st_info, _, st_shndx, st_value, st_size = struct.unpack_from(
                "<IBBHQQ", data, off + k * 24)
            end = data.index(b"\0", strtab[4] + st_name)
            if data[strtab[4] + st_name:end].decode() != want or (st_info & 0xf) != 2:
                continue
            sec = secs[st_shndx]
            foff = sec[4] + st_value - sec[3]
            raw = data[foff:foff + 4]
            print(f"-DOLD_SIZE={st_size} -DOLD_BYTES=" + ",".join(f"0x{b:02x}" for b in raw))
            return
    sys.exit(f"func-info.py: no function {want} in {path}")


main()
