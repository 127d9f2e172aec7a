#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Fetch the Linux guest used by the linux suite: Debian 12's current arm64
# kernel (the package linux-image-arm64 depends on; its /boot/vmlinuz-* is a
# raw arm64 Image) and busybox-static for arm64, then build a gzip'd cpio
# initramfs around busybox, tests/linux/init and the few modules the
# passthrough runs need: Debian builds the virtio-mmio transport, virtio-blk
# and ext4 as modules (the PL031 RTC and PL061 GPIO are built in).
#
# The packages come through scripts/debian-fetch.sh (apt with its own state
# under DEST: the machine's apt and dpkg are never changed). Results are
# cached: a second run downloads nothing.
#   fetch.sh DEST        ->  DEST/Image, DEST/initrd.gz, DEST/version,
#                            DEST/modules/ (the .ko files and their insmod order)
set -euo pipefail
mkdir -p "$1"
dest=$(cd "$1" && pwd) # apt takes relative Dir:: paths as relative to its own dirs
here=$(cd "$(dirname "$0")" && pwd)
work=$dest/apt
busybox=$dest/busybox
mods=$dest/modules
# The modules to load, in this order, each after what it depends on.
WANTED_MODULES="crc32c_generic virtio_mmio virtio_blk ext4"

# keep_modules ROOT VERSION: copy the wanted modules and everything they
# depend on to $mods, with $mods/order listing them dependencies first
# (busybox insmod, unlike modprobe, takes one file and no dependencies).
keep_modules() {
    local kdir=$1/lib/modules/$2
    rm -rf "$mods.tmp"
    mkdir -p "$mods.tmp"
    python3 - "$kdir" "$mods.tmp" $WANTED_MODULES <<'PY'
import os, re, shutil, sys
kdir, out, wanted = sys.argv[1], sys.argv[2], sys.argv[3:]
# The package ships modules.order (every module's path) but not modules.dep
# (depmod writes that at install time): each module's own .modinfo section
# names what it needs ("depends=a,b").
path = {}
for line in open(os.path.join(kdir, "modules.order")):
    p = line.strip()
    path[os.path.basename(p)[:-3].replace("-", "_")] = p
order = []
def add(name):
    if name in order:
        return
    if name not in path or not path[name].endswith(".ko"):
        sys.exit(f"fetch.sh: no uncompressed module {name} in {kdir}/modules.order")
    data = open(os.path.join(kdir, path[name]), "rb").read()
    m = re.search(rb"\0depends=([^\0]*)\0", data)
    for dep in (m.group(1).decode().split(",") if m and m.group(1) else []):
        add(dep.replace("-", "_"))
    order.append(name)
for name in wanted:
    add(name)
with open(os.path.join(out, "order"), "w") as fh:
    for name in order:
        shutil.copy(os.path.join(kdir, path[name]), out)
        fh.write(os.path.basename(path[name]) + "\n")
PY
    echo "$WANTED_MODULES" > "$mods.tmp/wanted"
    rm -rf "$mods"
    mv "$mods.tmp" "$mods"
}

build_initrd() {
    rm -rf "$dest/initrd.d"
    mkdir -p "$dest/initrd.d/bin"
    cp "$busybox" "$dest/initrd.d/bin/busybox"
    install -m 0755 "$here/init" "$dest/initrd.d/init"
    mkdir -p "$dest/initrd.d/lib"
    cp -r "$mods" "$dest/initrd.d/lib/modules"
    python3 "$here/mkinitramfs.py" "$dest/initrd.d" "$dest/initrd.gz.tmp"
    mv "$dest/initrd.gz.tmp" "$dest/initrd.gz"
}

# A cache from before the modules were kept, or with another list, fetches again.
if [ -f "$dest/Image" ] && [ -f "$busybox" ] &&
    [ "$(cat "$mods/wanted" 2>/dev/null)" = "$WANTED_MODULES" ]; then
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
# Keep the two files and the few modules needed, drop the rest (all the
# modules are large).
root=$work/root
kimg=$(ls "$root"/boot/vmlinuz-* | head -n 1)
# An arm64 Image carries "ARM\x64" at offset 56 (Documentation/arch/arm64/booting.rst).
if [ "$(od -An -tx1 -j56 -N4 "$kimg" | tr -d ' ')" != "41524d64" ]; then
    echo "fetch.sh: $kimg is not a raw arm64 Image" >&2
    exit 1
fi
basename "$kimg" | sed 's/^vmlinuz-//' > "$dest/version"
keep_modules "$root" "$(cat "$dest/version")"
cp "$root/bin/busybox" "$busybox"
cp "$kimg" "$dest/Image.tmp"
mv "$dest/Image.tmp" "$dest/Image"
rm -rf "$root"
build_initrd
echo "linux guest: kernel $(cat "$dest/version"), Image $(stat -c %s "$dest/Image") bytes," \
    "initramfs $(stat -c %s "$dest/initrd.gz") bytes, modules: $(tr '\n' ' ' < "$mods/order")"
