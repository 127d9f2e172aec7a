#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Download one amd64 Debian package from another suite (a newer release of
# a library whose headers keel-release is tested on) and unpack it, with
# apt's lists and cache private to DEST (as tests/linux/fetch.sh does): the
# machine's apt state is never touched. Cached: a second run downloads
# nothing. Prints the unpacked root.
#   fetch-deb.sh DEST SUITE PACKAGE    ->  DEST/SUITE/PACKAGE/root
set -euo pipefail
mkdir -p "$1"
dest=$(cd "$1" && pwd)
suite=$2 pkg=$3
out=$dest/$suite/$pkg
if [ -f "$out/version" ] && [ -d "$out/root" ]; then
    echo "$out/root"
    exit 0
fi
work=$dest/apt-$suite
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$out"
cat >"$work/sources.list" <<SRC
deb [arch=amd64] http://deb.debian.org/debian $suite main
SRC
opts=(-o APT::Architecture=amd64 -o APT::Architectures=amd64
      -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache"
      -o "Dir::Etc::SourceList=$work/sources.list" -o Dir::Etc::SourceParts=/dev/null
      -o Debug::NoLocking=1 -o APT::Sandbox::User=root)
apt-get "${opts[@]}" -qq update >/dev/null 2>&1
rm -rf "$out/debs" "$out/root"
mkdir -p "$out/debs"
(cd "$out/debs" && apt-get "${opts[@]}" -qq download "$pkg" >/dev/null 2>&1)
deb=$(ls "$out"/debs/*.deb)
dpkg-deb -x "$deb" "$out/root"
dpkg-deb -f "$deb" Version >"$out/version"
rm -rf "$out/debs" "$work"
echo "$out/root"
