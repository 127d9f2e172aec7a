#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Fetch libfdt's sources and unpack them under DEST/src, once: arch.mk builds
# them with the hypervisor's flags, a section per function, so that the link
# drops the functions nothing calls (Debian's prebuilt libfdt.a has one
# section per file: about 2.4 KB of the Image were never called).
#   fetch-libfdt.sh DEST
#
# Debian 12's mirror serves no source packages, but the binary package
# linux-source-6.1 carries Linux's copy of upstream dtc's libfdt
# (scripts/dtc/libfdt, DTC 1.6.1-g0a3a9d34 in Linux 6.1). Only that folder and
# dtc's version_gen.h are taken from its tarball; the .deb (139 MB) is
# deleted afterwards. apt runs with a private package list and cache under
# DEST: nothing on the machine changes.
set -euo pipefail
dest=$1
work=$dest/apt
start=$(date +%s)
rm -rf "$work" "$dest/src" "$dest/linux"
mkdir -p "$work/lists/partial" "$work/cache/archives/partial"
opts=(-o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache"
      -o Debug::NoLocking=1)
apt-get "${opts[@]}" -qq update >/dev/null
# apt drops to the _apt user for downloads when it can; the private cache
# belongs to whoever runs make, so it warns that it downloads as that user.
( cd "$work" && apt-get "${opts[@]}" -qq download linux-source-6.1 2>/dev/null )
deb=$(ls "$work"/linux-source-6.1_*_all.deb | head -n 1)
# Only the members needed are written; xz still reads the whole tarball.
dpkg-deb --fsys-tarfile "$deb" | tar -xO ./usr/src/linux-source-6.1.tar.xz |
    tar -xJ -C "$dest" --transform 's,^linux-source-6.1,linux,' \
        --wildcards 'linux-source-6.1/scripts/dtc/libfdt/*' \
        linux-source-6.1/scripts/dtc/version_gen.h
mv "$dest/linux/scripts/dtc/libfdt" "$dest/src"
mv "$dest/linux/scripts/dtc/version_gen.h" "$dest/src/"
rm -rf "$dest/linux" "$work"
test -f "$dest/src/libfdt.h" && test -f "$dest/src/fdt_ro.c"
version=$(sed -n 's/.*DTC_VERSION "\(.*\)"/\1/p' "$dest/src/version_gen.h")
echo "libfdt: $version from $(basename "$deb"), fetched and unpacked in $(( $(date +%s) - start )) s"
