#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Pull the ELF vmlinux out of an x86 bzImage, as the boot protocol allows,
and check that it carries the PVH entry note.

Linux's Documentation/arch/x86/boot.rst (protocol 2.08+): the setup header
at 0x1f1 gives setup_sects (0x1f1; the protected-mode code starts at
(setup_sects + 1) * 512), payload_offset (0x248, from the start of that code)
and payload_length (0x24c); the payload is the compressed ELF vmlinux. Its
format is told by its magic; Debian builds amd64 kernels with XZ (liblzma,
the library of Debian's xz-utils, through Python's lzma). The kernel's build
appends the decompressed size (le32) after the stream: it is checked too.

The note: an ELF note of name "Xen", type XEN_ELFNOTE_PHYS32_ENTRY (18),
Xen's public/elfnote.h.

What is written is the same executable without what a loader never reads:
no section headers or symbols, and each PT_LOAD segment's file part ends
at its last non-zero byte (the rest is zero-filled memory, p_memsz; System
V gABI, "Program Header"). Debian's 6.1 vmlinux shrinks from 65 to 35 MB,
which is what GRUB then reads in Bochs.

    extract-vmlinux.py BZIMAGE OUT
"""
import gzip
import lzma
import struct
import sys

XEN_ELFNOTE_PHYS32_ENTRY = 18


def payload(image):
    if image[0x202:0x206] != b"HdrS":
        sys.exit("extract-vmlinux: no bzImage setup header")
    version = struct.unpack_from("<H", image, 0x206)[0]
    if version < 0x208:
        sys.exit("extract-vmlinux: boot protocol %#x has no payload fields" % version)
    setup_sects = image[0x1F1] or 4
    offset, length = struct.unpack_from("<II", image, 0x248)
    start = (setup_sects + 1) * 512 + offset
    return image[start:start + length]


def decompress(data):
    if data.startswith(b"\xfd7zXZ\x00"):
        dec = lzma.LZMADecompressor(format=lzma.FORMAT_XZ)
        out = dec.decompress(data)
        rest = dec.unused_data
    elif data.startswith(b"\x1f\x8b"):
        dec = gzip.zlib.decompressobj(16 + 15)
        out = dec.decompress(data)
        rest = dec.unused_data
    else:
        sys.exit("extract-vmlinux: payload format %s not handled" % data[:6].hex())
    if len(rest) == 4 and struct.unpack("<I", rest)[0] != len(out):
        sys.exit("extract-vmlinux: decompressed size differs from the trailer")
    return out


def pvh_entry(elf):
    if elf[:4] != b"\x7fELF" or elf[4] != 2:
        sys.exit("extract-vmlinux: payload is not an ELF64 image")
    phoff, = struct.unpack_from("<Q", elf, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", elf, 0x36)
    for i in range(phnum):
        p_type, _, p_offset, _, _, p_filesz = struct.unpack_from("<IIQQQQ", elf, phoff + i * phentsize)
        if p_type != 4:  # PT_NOTE
            continue
        pos, end = p_offset, p_offset + p_filesz
        while pos + 12 <= end:
            namesz, descsz, ntype = struct.unpack_from("<III", elf, pos)
            name = elf[pos + 12:pos + 12 + namesz].rstrip(b"\0")
            desc = pos + 12 + ((namesz + 3) & ~3)
            if name == b"Xen" and ntype == XEN_ELFNOTE_PHYS32_ENTRY:
                return struct.unpack_from("<I", elf, desc)[0]
            pos = desc + ((descsz + 3) & ~3)
    sys.exit("extract-vmlinux: no XEN_ELFNOTE_PHYS32_ENTRY note")


def loadable_only(elf):
    phoff, = struct.unpack_from("<Q", elf, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", elf, 0x36)
    phdrs = [list(struct.unpack_from("<IIQQQQQQ", elf, phoff + i * phentsize)) for i in range(phnum)]
    out = bytearray(elf[:64])
    struct.pack_into("<QQ", out, 0x20, 64, 0)        # e_phoff, e_shoff
    struct.pack_into("<HHHH", out, 0x36, 56, phnum, 0, 0)  # e_phentsize, e_phnum, e_shentsize, e_shnum
    struct.pack_into("<H", out, 0x3e, 0)             # e_shstrndx
    out += b"\0" * (56 * phnum)
    moved = []  # (old offset, old end, new offset) of each PT_LOAD's file part
    for ph in phdrs:
        if ph[0] != 1:
            continue
        data = elf[ph[2]:ph[2] + ph[5]].rstrip(b"\0")
        out += b"\0" * (-len(out) % 4096)
        moved.append((ph[2], ph[2] + ph[5], len(out)))
        ph[2], ph[5], ph[7] = len(out), len(data), 4096
        out += data
    for ph in phdrs:
        if ph[0] == 1:
            continue
        for old, end, new in moved:
            if old <= ph[2] and ph[2] + ph[5] <= end:
                ph[2] = new + ph[2] - old
                break
        else:
            sys.exit("extract-vmlinux: a program header outside every PT_LOAD")
    for i, ph in enumerate(phdrs):
        struct.pack_into("<IIQQQQQQ", out, 64 + 56 * i, *ph)
    return bytes(out)


def main():
    image = open(sys.argv[1], "rb").read()
    elf = loadable_only(decompress(payload(image)))
    entry = pvh_entry(elf)
    with open(sys.argv[2], "wb") as f:
        f.write(elf)
    print("extract-vmlinux: ELF vmlinux %d bytes, PVH entry %#x" % (len(elf), entry))


main()
