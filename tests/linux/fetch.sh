#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Fetch the Linux guest used by the linux suite: Debian 12's current arm64
# kernel (the package linux-image-arm64 depends on; its /boot/vmlinuz-* is a
# raw arm64 Image) and busybox-static for arm64, then build a gzip'd cpio
# initramfs around busybox and tests/linux/init.
#
# apt runs with its own architecture, package lists and cache under DEST, so
# the machine's dpkg architectures and apt state are never changed. Results
# are cached: a second run downloads nothing.
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

mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/debs"
# Debian's own mirror, whatever else the machine's sources list names.
cat > "$work/sources.list" <<'EOF'
deb [arch=arm64] http://deb.debian.org/debian bookworm main
deb [arch=arm64] http://deb.debian.org/debian bookworm-updates main
deb [arch=arm64] http://deb.debian.org/debian-security bookworm-security main
EOF
opts=(-o APT::Architecture=arm64 -o APT::Architectures=arm64
      -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache"
      -o "Dir::Etc::SourceList=$work/sources.list" -o Dir::Etc::SourceParts=/dev/null
      -o Debug::NoLocking=1 -o APT::Sandbox::User=root)
echo "linux guest: fetching Debian's arm64 package lists"
apt-get "${opts[@]}" -qq update >/dev/null
# linux-image-arm64 is a metapackage: the kernel is the package it depends on.
kpkg=$(apt-cache "${opts[@]}" depends linux-image-arm64 |
    sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*-arm64\)$/\1/p' | head -n 1)
if [ -z "$kpkg" ]; then
    echo "fetch.sh: cannot tell which kernel linux-image-arm64 depends on" >&2
    exit 1
fi
echo "linux guest: downloading $kpkg and busybox-static (arm64)"
( cd "$work/debs" && apt-get "${opts[@]}" -qq download "$kpkg:arm64" busybox-static:arm64 )
# Unpack, keep the two files needed and drop the rest (the modules are large).
root=$work/root
rm -rf "$root"
mkdir -p "$root"
for deb in "$work"/debs/*.deb; do
    dpkg-deb -x "$deb" "$root"
done
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
rm -rf "$root" "$work/debs"
build_initrd
echo "linux guest: kernel $(cat "$dest/version"), Image $(stat -c %s "$dest/Image") bytes," \
    "initramfs $(stat -c %s "$dest/initrd.gz") bytes"
