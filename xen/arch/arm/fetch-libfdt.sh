#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Fetch Debian's arm64 libfdt-dev (static libfdt.a + headers) and unpack it
# under DEST, without adding arm64 to the machine's dpkg architectures: apt
# runs with a private package list and cache under DEST.
#   fetch-libfdt.sh DEST
set -euo pipefail
dest=$1
work=$dest/apt
mkdir -p "$work/lists/partial" "$work/cache/archives/partial"
opts=(-o APT::Architecture=arm64 -o APT::Architectures=arm64
      -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache"
      -o Debug::NoLocking=1)
apt-get "${opts[@]}" -qq update >/dev/null
( cd "$work" && apt-get "${opts[@]}" -qq download libfdt-dev:arm64 2>/dev/null )
deb=$(ls "$work"/libfdt-dev_*_arm64.deb | head -n 1)
dpkg-deb -x "$deb" "$dest/root"
test -f "$dest/root/usr/lib/aarch64-linux-gnu/libfdt.a"
echo "libfdt: $(basename "$deb") unpacked under $dest/root"
