#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# mkiso.sh OUT.iso multiboot2|multiboot XEN "XEN ARGS" "GUEST.elf ARGS" ...
#
# A GRUB rescue ISO (grub-mkrescue, BIOS/i386-pc) whose only menu entry
# boots XEN with the given loader protocol and each guest as a module
# (module2 for multiboot2, module for multiboot). Files go to /boot/.
set -euo pipefail

out=$1 loader=$2 xen=$3 xen_args=$4
shift 4
case $loader in
multiboot2) modcmd=module2 ;;
multiboot) modcmd=module ;;
*) echo "mkiso.sh: loader must be multiboot2 or multiboot" >&2; exit 2 ;;
esac

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
root=$tmp/root
mkdir -p "$root/boot/grub"
cp "$xen" "$root/boot/xen"
{
    echo "set timeout=0"
    echo "set default=0"
    echo "menuentry \"Keel ($loader)\" {"
    echo "    $loader /boot/xen $xen_args"
    for g in "$@"; do
        file=${g%% *}
        args=${g#"$file"}
        base=$(basename "$file")
        cp "$file" "$root/boot/$base"
        echo "    $modcmd /boot/$base$args"
    done
    echo "    boot"
    echo "}"
} >"$root/boot/grub/grub.cfg"

mkdir -p "$(dirname "$out")"
# Only the BIOS platform: Bochs boots the CD through El Torito.
grub-mkrescue -d /usr/lib/grub/i386-pc -o "$out" "$root" >/dev/null 2>"$tmp/log" || {
    cat "$tmp/log" >&2
    exit 1
}
