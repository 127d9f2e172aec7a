#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Download Debian 12 packages for one architecture and unpack them all into
# WORK/root (emptied first; the .debs are deleted afterwards), with apt's
# own architecture, package lists and cache under WORK: the machine's dpkg
# architectures and apt state are never changed, and only Debian's own
# mirror is asked, whatever else the machine's sources list names.
#   debian-fetch.sh ARCH WORK PACKAGE...
# The package "kernel" stands for the kernel the metapackage
# linux-image-ARCH depends on (its name carries the ABI version); its name is
# written to WORK/kernel-package. Used by the Linux guests' fetch scripts
# (arm64, amd64) and xen/arch/arm/fetch-libfdt.sh.
set -euo pipefail
arch=$1
mkdir -p "$2"
work=$(cd "$2" && pwd) # apt takes relative Dir:: paths as relative to its own dirs
shift 2
rm -rf "$work/debs"
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/debs"
cat > "$work/sources.list" <<EOL
deb [arch=$arch] http://deb.debian.org/debian bookworm main
deb [arch=$arch] http://deb.debian.org/debian bookworm-updates main
deb [arch=$arch] http://deb.debian.org/debian-security bookworm-security main
EOL
opts=(-o "APT::Architecture=$arch" -o "APT::Architectures=$arch"
      -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache"
      -o "Dir::Etc::SourceList=$work/sources.list" -o Dir::Etc::SourceParts=/dev/null
      -o Debug::NoLocking=1 -o APT::Sandbox::User=root)
apt-get "${opts[@]}" -qq update >/dev/null
pkgs=()
for p in "$@"; do
    if [ "$p" = kernel ]; then
        # linux-image-ARCH is a metapackage: the kernel is the package it depends on.
        p=$(apt-cache "${opts[@]}" depends "linux-image-$arch" |
            sed -n "s/^ *Depends: \(linux-image-[0-9][^ ]*-$arch\)\$/\1/p" | head -n 1)
        if [ -z "$p" ]; then
            echo "debian-fetch.sh: cannot tell which kernel linux-image-$arch depends on" >&2
            exit 1
        fi
        echo "$p" > "$work/kernel-package"
    fi
    pkgs+=("$p:$arch")
done
( cd "$work/debs" && apt-get "${opts[@]}" -qq download "${pkgs[@]}" )
rm -rf "$work/root"
mkdir -p "$work/root"
for deb in "$work"/debs/*.deb; do
    dpkg-deb -x "$deb" "$work/root"
done
rm -rf "$work/debs"
