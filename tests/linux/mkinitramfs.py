#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Write a gzip'd cpio "newc" initramfs from a directory, plus the nodes a
Linux /init needs before it can mount anything (/dev/console, /proc, /sys).

A fresh Debian machine has no cpio tool; the format is small enough to write
here (Linux Documentation/driver-api/early-userspace/buffer-format.rst).
Owner root, mtime 0, sorted: the same tree always gives the same bytes.

    mkinitramfs.py DIR OUT.gz
"""
import gzip
import os
import stat
import sys

S_IFCHR = 0o020000


def header(ino, mode, nlink, size, name, rdev=(0, 0)):
    fields = [ino, mode, 0, 0, nlink, 0, size, 0, 0, rdev[0], rdev[1], len(name) + 1, 0]
    return b"070701" + b"".join(b"%08X" % f for f in fields)


def pad4(n):
    return b"\0" * (-n % 4)


def entry(ino, name, mode, data=b"", nlink=1, rdev=(0, 0)):
    name_b = name.encode()
    head = header(ino, mode, nlink, len(data), name_b, rdev) + name_b + b"\0"
    return head + pad4(len(head)) + data + pad4(len(data))


def main():
    src, out = sys.argv[1], sys.argv[2]
    extra_dirs = ["dev", "proc", "sys", "tmp", "root", "sbin", "usr", "usr/bin", "usr/sbin"]
    items = {}
    for d in extra_dirs:
        items[d] = ("dir", 0o755, None)
    for top, dirs, files in os.walk(src):
        rel = os.path.relpath(top, src)
        for d in dirs:
            items[os.path.normpath(os.path.join(rel, d))] = ("dir", 0o755, None)
        for f in files:
            path = os.path.join(top, f)
            perm = stat.S_IMODE(os.lstat(path).st_mode)
            if os.path.islink(path):
                items[os.path.normpath(os.path.join(rel, f))] = ("link", 0o777, os.readlink(path))
            else:
                items[os.path.normpath(os.path.join(rel, f))] = ("file", perm, path)
    archive = bytearray()
    ino = 1
    archive += entry(ino, ".", stat.S_IFDIR | 0o755, nlink=2)
    for name in sorted(items):
        kind, perm, what = items[name]
        ino += 1
        if kind == "dir":
            archive += entry(ino, name, stat.S_IFDIR | perm, nlink=2)
        elif kind == "link":
            archive += entry(ino, name, stat.S_IFLNK | perm, what.encode())
        else:
            with open(what, "rb") as fh:
                archive += entry(ino, name, stat.S_IFREG | perm, fh.read())
    ino += 1
    # The kernel opens /dev/console for init's stdin/stdout/stderr before
    # anything could create it: character device 5:1.
    archive += entry(ino, "dev/console", S_IFCHR | 0o600, rdev=(5, 1))
    archive += entry(0, "TRAILER!!!", 0)
    with open(out, "wb") as fh:
        fh.write(gzip.compress(bytes(archive), compresslevel=9, mtime=0))


if __name__ == "__main__":
    main()
