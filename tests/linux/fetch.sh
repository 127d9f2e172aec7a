#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Fetch the Linux guest used by the linux suite: Debian 12's current arm64
# kernel (the package linux-image-arm64 depends on; its /boot/vmlinuz-* is a
# raw arm64 Image) and busybox-static for arm64, then build a gzip'd cpio
# initramfs around busybox and tests/linux/init.
#
# The packages come through scripts/debian-fetch.sh (apt with its own state
# under DEST: the machine's apt and dpkg are never changed). Results are
# cached: a second run downloads nothing.
#   fetch.sh DEST        ->  DEST/Image, DEST/initrd.gz, DEST/version
set -euo pipefail
mkdir -p "$1"
dest=$(cd "$1" && pwd) # apt takes relative Dir:: paths as relative to its own dirs
here=$(cd "$(dirname "$0")" && pwd)
work=$dest/apt
busybox=$dest/busybox

build_initrd() {
    rm -rf "$dest/initrd.d"
    mkdir -p "$dest/initrd.d/bin"
    cp "$busybox" "$dest/initrd.d/bin/busybox"
    install -m 0755 "$here/init" "$dest/initrd.d/init"
    python3 "$here/mkinitramfs.py" "$dest/initrd.d" "$dest/initrd.gz.tmp"
    mv "$dest/initrd.gz.tmp" "$dest/initrd.gz"
}

if [ -f "$dest/Image" ] && [ -f "$busybox" ]; then
    # Only the initramfs depends on files in the tree (init, mkinitramfs.py).
    if [ ! -f "$dest/initrd.gz" ] || [ "$here/init" -nt "$dest/initrd.gz" ] ||
        [ "$here/mkinitramfs.py" -nt "$dest/initrd.gz" ]; then
        build_initrd
    fi
    exit 0
fi

echo "linux guest: fetching Debian's arm64 kernel and busybox-static"
"$here/../../scripts/debian-fetch.sh" arm64 "$work" kernel busybox-static
echo "linux guest: downloaded $(cat "$work/kernel-package") and busybox-static (arm64)"
# Keep the two files needed and drop the rest (the modules are large).
root=$work/root
kimg=$(ls "$root"/boot/vmlinuz-* | head -n 1)
# An arm64 Image carries "ARM\x64" at offset 56 (Documentation/arch/arm64/booting.rst).
if [ "$(od -An -tx1 -j56 -N4 "$kimg" | tr -d ' ')" != "41524d64" ]; then
    echo "fetch.sh: $kimg is not a raw arm64 Image" >&2
    exit 1
fi
basename "$kimg" | sed 's/^vmlinuz-//' > "$dest/version"
cp "$root/bin/busybox" "$busybox"
cp "$kimg" "$dest/Image.tmp"
mv "$dest/Image.tmp" "$dest/Image"
rm -rf "$root"
build_initrd
echo "linux guest: kernel $(cat "$dest/version"), Image $(stat -c %s "$dest/Image") bytes," \
    "initramfs $(stat -c %s "$dest/initrd.gz") bytes"
