#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Fetch the x86-64 Linux guest: Debian 12's current amd64 kernel (the package
# linux-image-amd64 depends on) and busybox-static for amd64, pull the ELF
# vmlinux out of the package's bzImage, check it carries the PVH entry note,
# and build a gzip'd cpio initramfs around busybox and this directory's init.
#
# apt runs with its own architecture, package lists and cache under DEST (as
# tests/linux/fetch.sh does for arm64): the machine's dpkg architectures and
# apt state are never changed. Results are cached.
#   fetch.sh DEST  ->  DEST/vmlinux, DEST/initrd.gz, DEST/version
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
    python3 "$here/../linux/mkinitramfs.py" "$dest/initrd.d" "$dest/initrd.gz.tmp"
    mv "$dest/initrd.gz.tmp" "$dest/initrd.gz"
}

if [ -f "$dest/vmlinux" ] && [ -f "$busybox" ]; then
    if [ ! -f "$dest/initrd.gz" ] || [ "$here/init" -nt "$dest/initrd.gz" ] ||
        [ "$here/../linux/mkinitramfs.py" -nt "$dest/initrd.gz" ]; then
        build_initrd
    fi
    exit 0
fi

echo "linux-x86_64 guest: fetching Debian's amd64 kernel and busybox-static"
"$here/../../scripts/debian-fetch.sh" amd64 "$work" kernel busybox-static
echo "linux-x86_64 guest: downloaded $(cat "$work/kernel-package") and busybox-static (amd64)"
root=$work/root
kimg=$(ls "$root"/boot/vmlinuz-* | head -n 1)
python3 "$here/extract-vmlinux.py" "$kimg" "$dest/vmlinux.tmp"
mv "$dest/vmlinux.tmp" "$dest/vmlinux"
basename "$kimg" | sed 's/^vmlinuz-//' > "$dest/version"
cp "$root/bin/busybox" "$busybox"
rm -rf "$root"
build_initrd
echo "linux-x86_64 guest: kernel $(cat "$dest/version"), vmlinux $(stat -c %s "$dest/vmlinux")" \
    "bytes, initramfs $(stat -c %s "$dest/initrd.gz") bytes"
