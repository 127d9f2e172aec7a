#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# keel-release on real public headers nobody here wrote: Xen 4.17's (Debian's
# libxen-dev, as installed), Linux UAPI (linux-libc-dev) and libgit2's
# (libgit2-dev). Layouts and values are checked against gcc and
# aarch64-linux-gnu-gcc (layout-check.py); diffs against a newer Xen
# (trixie's libxen-dev, fetched once into out/foreign by fetch-deb.sh) and
# against edited copies; check on a git repository whose public/ is Xen's.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
WORK=${WORK:-$(mktemp -d)}
mkdir -p "$WORK"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$WORK"' EXIT
OUTDIR=${OUTDIR:-$(dirname "$(dirname "$KR")")}
X86=x86_64-linux-gnu
ARM=aarch64-linux-gnu

# jq-like queries on a dump: "item DUMP TRIPLE KIND NAME FIELD" prints FIELD.
item() {
    python3 - "$@" <<'PY'
import json, sys
path, triple, kind, name, field = sys.argv[1:6]
for it in json.load(open(path))["targets"].get(triple, []):
    if it["kind"] == kind and it["name"] == name:
        print(it.get(field, ""))
        break
else:
    print("<absent>")
PY
}
# "skipped DUMP TRIPLE FILE" prints "AT|REASON" of the skip, or nothing.
skipped() {
    python3 - "$@" <<'PY'
import json, sys
path, triple, f = sys.argv[1:4]
for s in json.load(open(path)).get("skipped", {}).get(triple, []):
    if s["file"] == f:
        print("%s|%s" % (s["at"], s["reason"]))
PY
}
# Copies the files one installed package put under a directory.
pkg_tree() { # package /usr/include/DIR dest
    local f
    mkdir -p "$3"
    dpkg -L "$1" | grep "^$2/.*\.h\$" | while read -r f; do
        mkdir -p "$3/$(dirname "${f#"$2"/}")"
        cp "$f" "$3/${f#"$2"/}"
    done
}
# gcc for TRIPLE checks every layout and value of HEADERS the dump gives.
layout_ok() { # dump triple dir cflags header...
    local dump=$1 triple=$2 dir=$3 cflags=$4 cc=gcc n
    shift 4
    [ "$triple" = "$ARM" ] && cc=aarch64-linux-gnu-gcc
    n=$(python3 "$HERE/layout-check.py" "$dump" "$triple" "$@" 2>&1 >"$WORK/lc.c") || {
        echo "no checks: $n" | head -n 1
        return 1
    }
    [ "$n" -gt 0 ] || return 1
    # shellcheck disable=SC2086
    $cc -std=gnu11 $cflags -fsyntax-only -iquote "$dir" -I "$(dirname "$dir")" "$WORK/lc.c" \
        >"$WORK/lc.err" 2>&1
    local rc=$?
    echo "$n"
    return $rc
}

cd "$WORK" || exit 1
XEN=$WORK/xen
pkg_tree libxen-dev /usr/include/xen "$XEN"
XH="xen.h event_channel.h grant_table.h memory.h sched.h vcpu.h version.h physdev.h
    hvm/hvm_op.h hvm/params.h io/ring.h io/blkif.h io/netif.h"

echo "# Xen $(dpkg-query -W -f='${Version}' libxen-dev) public headers"
"$KR" abi dump --dir "$XEN" --target x86_64 -o "$WORK/x86.json" 2>"$WORK/x86.err"
expect_rc 0 $? "Xen headers, x86_64: dump written, some headers skipped (a warning)"
grep -q "header(s) skipped" "$WORK/x86.err"
tap $? "the skips are announced on stderr"
"$KR" abi dump --strict --dir "$XEN" --target x86_64 -o "$WORK/strict.json" 2>/dev/null
expect_rc 1 $? "--strict: a skipped header is a tool error"
[ -s "$WORK/x86.json" ]
tap $? "the dump of the headers that parse is written"
[ "$(skipped "$WORK/x86.json" $X86 arch-arm/smccc.h)" = \
    "$XEN/arch-arm/smccc.h:13|'public/xen.h' file not found" ]
tap $? "a header including a path only its own tree has (arch-arm/smccc.h) is listed with clang's place and reason"
grep -qx "keel-release: warning: $XEN/arch-arm/smccc.h:13: clang ($X86): 'public/xen.h' file not found: skipped arch-arm/smccc.h" "$WORK/x86.err"
tap $? "... and on stderr with file:line"
skipped "$WORK/x86.json" $X86 sysctl.h | grep -q '^'"$XEN"'/sysctl.h:14|"sysctl operations are intended for use by node control tools only"$'
tap $? "sysctl.h without __XEN_TOOLS__ is skipped with its #error"
[ "$(item "$WORK/x86.json" $X86 macro HVM_PARAM_CALLBACK_IRQ value)" = 0 ] &&
    [ "$(item "$WORK/x86.json" $X86 struct xen_hvm_param size)" = 16 ]
tap $? "hvm/params.h, which reaches xen.h by \"../xen.h\", parses"
[ "$(item "$WORK/x86.json" $X86 struct cpu_user_regs size)" = 200 ] &&
    [ "$(skipped "$WORK/x86.json" $X86 arch-x86_64.h)" = "" ]
tap $? "x86_64: arch-x86 structures are there (cpu_user_regs 200 bytes)"
# The default interface version is 0: __HYPERVISOR_sched_op is the compat one.
[ "$(item "$WORK/x86.json" $X86 macro __HYPERVISOR_sched_op value)" = 6 ]
tap $? "__HYPERVISOR_sched_op is 6 at the default __XEN_INTERFACE_VERSION__ (0)"

"$KR" abi dump --dir "$XEN" --target aarch64 -o "$WORK/arm.json" 2>/dev/null
expect_rc 0 $? "Xen headers, aarch64"
skipped "$WORK/arm.json" $ARM arch-x86_64.h | grep -q "field has incomplete type 'struct cpu_user_regs'"
tap $? "aarch64: arch-x86_64.h (x86 only) is skipped"
[ "$(item "$WORK/arm.json" $ARM macro XEN_HYPERCALL_TAG value)" = $((0xEA1)) ] &&
    [ "$(item "$WORK/arm.json" $ARM struct cpu_user_regs size)" = "<absent>" ]
tap $? "aarch64: arch-arm.h is there, x86's cpu_user_regs is not"

"$KR" abi dump --dir "$XEN" -D__XEN_INTERFACE_VERSION__=0x00040e00 -D__XEN_TOOLS__ \
    -o "$WORK/tools.json" 2>/dev/null
expect_rc 0 $? "Xen headers, both targets, -D__XEN_INTERFACE_VERSION__ -D__XEN_TOOLS__"
[ "$(item "$WORK/tools.json" $X86 macro __HYPERVISOR_sched_op value)" = 29 ]
tap $? "-D__XEN_INTERFACE_VERSION__=0x00040e00: __HYPERVISOR_sched_op is 29"
[ "$(skipped "$WORK/tools.json" $X86 sysctl.h)" = "" ] &&
    [ "$(item "$WORK/tools.json" $X86 macro XEN_SYSCTL_INTERFACE_VERSION value)" = \
        "$(printf '%d' "$(sed -n 's/^#define XEN_SYSCTL_INTERFACE_VERSION \(0x[0-9a-f]*\).*/\1/p' "$XEN/sysctl.h")")" ]
tap $? "-D__XEN_TOOLS__: sysctl.h parses"
[ "$(item "$WORK/x86.json" $X86 macro XENMEM_paging_op value)" = "<absent>" ] &&
    [ "$(item "$WORK/tools.json" $X86 macro XENMEM_paging_op value)" = 20 ]
[ "$(item "$WORK/arm.json" $ARM struct vcpu_guest_context size)" = "<absent>" ] &&
    [ "$(item "$WORK/tools.json" $ARM struct vcpu_guest_context size)" != "<absent>" ]
tap $? "guarded sections (#if defined(__XEN_TOOLS__) in memory.h, arch-arm.h) follow -D"

n=$(layout_ok "$WORK/tools.json" $X86 "$XEN" "-D__XEN_INTERFACE_VERSION__=0x00040e00 -D__XEN_TOOLS__" \
    $XH arch-x86/xen.h arch-x86/xen-x86_64.h)
tap $? "gcc agrees with $n sizes, alignments, offsets and values (x86_64)"
[ "$n" -gt 1000 ]
tap $? "... that is over 1000 checks"
n=$(layout_ok "$WORK/tools.json" $ARM "$XEN" "-D__XEN_INTERFACE_VERSION__=0x00040e00 -D__XEN_TOOLS__" \
    $XH arch-arm.h)
tap $? "aarch64-linux-gnu-gcc agrees with $n sizes, alignments, offsets and values (aarch64)"
# The cross-check can fail: one wrong size in the dump is caught.
python3 - "$WORK/x86.json" "$WORK/wrong.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
for it in doc["targets"]["x86_64-linux-gnu"]:
    if it["kind"] == "struct" and it["name"] == "cpu_user_regs":
        it["size"] += 8
json.dump(doc, open(sys.argv[2], "w"))
PY
layout_ok "$WORK/wrong.json" $X86 "$XEN" "" xen.h arch-x86/xen-x86_64.h >/dev/null
[ $? -ne 0 ] && grep -q 'sizeof struct cpu_user_regs' "$WORK/lc.err"
tap $? "the gcc cross-check catches a wrong size"

echo "# Xen: diffs (headers without @abi tags)"
cp -r "$XEN" "$WORK/xen-ed"
sed -i 's/^#define __HYPERVISOR_memory_op            12/#define __HYPERVISOR_memory_op            13/' "$WORK/xen-ed/xen.h"
sed -i 's/^    uint32_t tsc_to_system_mul;/    uint32_t tsc_to_system_mul;\n    uint32_t keel_test_pad;/' "$WORK/xen-ed/xen.h"
printf '#define XENFEAT_keel_test 99\n' >>"$WORK/xen-ed/features.h"
sed -i 's/^#define __XEN_PUBLIC_SYSCTL_H__$/&\n#error keel test: broken on purpose/' "$WORK/xen-ed/sysctl.h"
"$KR" abi diff --json -D__XEN_TOOLS__ "$XEN" "$WORK/xen-ed" >"$WORK/ed.json" 2>/dev/null
expect_rc $((4 | 8)) $? "diff against an edited copy: compatible, incompatible (skips are warnings)"
json_has_change "$WORK/ed.json" value_changed __HYPERVISOR_memory_op
tap $? "renumbered hypercall: value_changed"
json_has_change "$WORK/ed.json" member_added vcpu_time_info keel_test_pad &&
    json_has_change "$WORK/ed.json" size_changed vcpu_time_info
tap $? "member inserted in vcpu_time_info: member_added, size_changed"
json_has_change "$WORK/ed.json" member_offset_changed vcpu_time_info system_time ||
    json_has_change "$WORK/ed.json" member_offset_changed vcpu_time_info tsc_shift
tap $? "... and the members after it moved"
json_has_change "$WORK/ed.json" added XENFEAT_keel_test
tap $? "new feature flag: added"
json_has_change "$WORK/ed.json" not_compared sysctl.h && json_lacks_class "$WORK/ed.json" removed
tap $? "a header broken on one side is not_compared, its items are not 'removed'"

NEW=$(bash "$HERE/fetch-deb.sh" "$OUTDIR/foreign" trixie libxen-dev 2>"$WORK/fetch.err")
tap $? "trixie's libxen-dev fetched ($(cat "$OUTDIR/foreign/trixie/libxen-dev/version" 2>/dev/null))"
if [ -d "$NEW/usr/include/xen" ]; then
    "$KR" abi diff --json --target x86_64 "$XEN" "$NEW/usr/include/xen" >"$WORK/v.json" 2>/dev/null
    expect_rc $((4 | 8)) $? "Xen 4.17 -> 4.20, x86_64"
    # Xen 4.19 saves the LAPIC's pending ESR (struct hvm_hw_lapic grew).
    json_has_change "$WORK/v.json" member_added hvm_hw_lapic pending_esr &&
        json_has_change "$WORK/v.json" size_changed hvm_hw_lapic
    tap $? "hvm_hw_lapic gained pending_esr: member_added, size_changed (incompatible)"
    json_has_change "$WORK/v.json" union_member_added xen_platform_op u.dom0_console &&
        ! json_has_change "$WORK/v.json" size_changed xen_platform_op
    tap $? "xen_platform_op.u gained dom0_console, same size: union_member_added (compatible)"
    json_has_change "$WORK/v.json" sentinel_changed XEN_ELFNOTE_MAX
    tap $? "XEN_ELFNOTE_MAX 18 -> 19 (PHYS32_RELOC): sentinel_changed"
    json_has_change "$WORK/v.json" renamed TRC_HVM_VMX_EXIT
    tap $? "TRC_HVM_VMEXIT -> TRC_HVM_VMX_EXIT, same value: renamed"
    json_has_change "$WORK/v.json" added XEN_X86_FEATURE_LA57
    tap $? "new CPUID feature enumerators: added"
    json_lacks_class "$WORK/v.json" removed
    tap $? "nothing reported removed between 4.17 and 4.20"
    json_has_change "$WORK/v.json" added arch-riscv.h && json_has_change "$WORK/v.json" added arch-ppc.h
    tap $? "the two new architecture headers: one 'added' row each"
    # Both targets: without a per-target set, aarch64 compiles x86's headers.
    "$KR" abi diff --json "$XEN" "$NEW/usr/include/xen" >"$WORK/v2.json" 2>/dev/null
    "$KR" abi diff --json --config "$HERE/xen-abi.conf" "$XEN" "$NEW/usr/include/xen" \
        >"$WORK/v2c.json" 2>/dev/null
    python3 - "$WORK/v2.json" "$WORK/v2c.json" <<'PY'
import json, sys
def targets(path, name):
    return [c["targets"] for c in json.load(open(path))["changes"] if c["name"] == name]
assert targets(sys.argv[1], "XEN_X86_FEATURE_LA57") == [["aarch64-linux-gnu", "x86_64-linux-gnu"]]
assert targets(sys.argv[2], "XEN_X86_FEATURE_LA57") == [["x86_64-linux-gnu"]]
PY
    tap $? "tests/release/xen-abi.conf: x86's CPUID enumerators are x86_64 changes only"
    ! json_has_change "$WORK/v2.json" added IOCTL_PRIVCMD_PCIDEV_GET_GSI &&
        json_has_change "$WORK/v2c.json" added IOCTL_PRIVCMD_PCIDEV_GET_GSI
    tap $? "prelude <linux/ioctl.h> for sys/privcmd.h: its new ioctl number is seen"
    json_has_change "$WORK/v2.json" not_compared arch-x86/xen-mca.h &&
        ! json_has_change "$WORK/v2c.json" not_compared arch-x86/xen-mca.h
    tap $? "prelude xen.h for arch-x86/xen-mca.h: compared instead of skipped"
fi

echo "# Linux UAPI (linux-libc-dev $(dpkg-query -W -f='${Version}' linux-libc-dev))"
mkdir -p "$WORK/uapi/linux"
for h in kvm.h types.h posix_types.h stddef.h const.h ioctl.h input.h input-event-codes.h \
    if_ether.h time_types.h stat.h perf_event.h; do
    cp "/usr/include/linux/$h" "$WORK/uapi/linux/"
done
"$KR" abi dump --dir "$WORK/uapi/linux" --target x86_64 -o "$WORK/uapi.json" 2>"$WORK/uapi.err"
expect_rc 0 $? "a subset of /usr/include/linux parses whole"
[ "$(item "$WORK/uapi.json" $X86 macro KVM_API_VERSION value)" = 12 ] &&
    [ "$(item "$WORK/uapi.json" $X86 typedef __le64 file)" = types.h ]
tap $? "<linux/types.h> included by its installed name is the set's own types.h"
n=$(layout_ok "$WORK/uapi.json" $X86 "$WORK/uapi/linux" "" kvm.h input.h if_ether.h perf_event.h)
tap $? "gcc agrees with $n layouts and values of kvm.h, input.h, if_ether.h, perf_event.h"
"$KR" abi dump --dir /usr/include/$X86/asm --target x86_64 -o "$WORK/asm.json" 2>/dev/null
expect_rc 0 $? "/usr/include/$X86/asm parses whole for x86_64"
[ "$(item "$WORK/asm.json" $X86 struct kvm_regs size)" = 144 ]
tap $? "asm/kvm.h: struct kvm_regs is 144 bytes"
cp -r "$WORK/uapi/linux" "$WORK/uapi-ed"
sed -i 's/^#define KVM_API_VERSION 12/#define KVM_API_VERSION 13/' "$WORK/uapi-ed/kvm.h"
"$KR" abi diff --json --target x86_64 "$WORK/uapi/linux" "$WORK/uapi-ed" >"$WORK/ud.json" 2>/dev/null
expect_rc 8 $? "UAPI diff: KVM_API_VERSION bumped"
json_has_change "$WORK/ud.json" value_changed KVM_API_VERSION
tap $? "... value_changed"

echo "# libgit2 (libgit2-dev $(dpkg-query -W -f='${Version}' libgit2-dev))"
"$KR" abi dump --dir /usr/include/git2 -o "$WORK/git2.json" 2>"$WORK/git2.err"
expect_rc 0 $? "/usr/include/git2 parses whole on both targets"
[ "$(item "$WORK/git2.json" $X86 struct git_oid size)" = 20 ] &&
    [ "$(item "$WORK/git2.json" $ARM enumerator GIT_OBJECT_BLOB value)" = 3 ]
tap $? "git_oid is 20 bytes, GIT_OBJECT_BLOB is 3"
# Opaque types of types.h are defined by git2/sys/*.h, part of the set.
n=$(INCLUDES="git2.h $(cd /usr/include/git2 && echo sys/*.h)" layout_ok "$WORK/git2.json" $X86 /usr/include/git2 "" oid.h types.h errors.h diff.h \
    checkout.h remote.h)
tap $? "gcc agrees with $n layouts and values of git2/{oid,types,errors,diff,checkout,remote}.h"

echo "# check on a repository whose public/ is Xen's"
mkdir -p "$WORK/repo" && cd "$WORK/repo" || exit 1
git_quiet init -q
cp -r "$XEN" public
mkdir -p governance && echo 'deprecation_window = 2' >governance/policy
commit_all "Xen 4.17 public headers"
BASE=$(git rev-parse HEAD)
sed -i 's/^#define __HYPERVISOR_memory_op            12/#define __HYPERVISOR_memory_op            13/' public/xen.h
printf '#define XENFEAT_keel_test 99\n' >>public/features.h
ACK_AS= commit_all "renumber, add"
"$KR" check --json "$BASE..HEAD" >"$WORK/check.json" 2>"$WORK/check.err"
rc=$?
[ $((rc & 1)) -eq 0 ] && [ $((rc & 4)) -ne 0 ]
tap $? "check runs on foreign public headers (exit $rc)"
json_has_change "$WORK/check.json" value_changed __HYPERVISOR_memory_op &&
    json_has_change "$WORK/check.json" added XENFEAT_keel_test
tap $? "check classifies the changes"
json_has_change "$WORK/check.json" added XENFEAT_keel_test &&
    ! grep -q 'added without an @abi' "$WORK/check.json"
tap $? "untagged foreign headers are not held to Keel's @abi tag rule"
[ "$(ls .git/keel-release/abi/*.abi 2>/dev/null | wc -l)" -eq 2 ]
tap $? "the extracted ABIs are stored under the git directory (one per tree)"
"$KR" check --json "$BASE..HEAD" >"$WORK/check2.json" 2>/dev/null
[ $? -eq "$rc" ] && cmp -s "$WORK/check.json" "$WORK/check2.json" &&
    json_has_change "$WORK/check2.json" added XENFEAT_keel_test
tap $? "a second check, served from the store, gives the same answer"
# Both trees' entries made the base tree's: the store answers, so nothing changed.
cp -r .git/keel-release/abi "$WORK/abi-saved"
base_abi=$(ls .git/keel-release/abi/"$(git rev-parse "$BASE:public")"-*.abi)
for f in .git/keel-release/abi/*.abi; do [ "$f" = "$base_abi" ] || cp "$base_abi" "$f"; done
"$KR" check --json "$BASE..HEAD" >"$WORK/check3.json" 2>/dev/null
json_has_change "$WORK/check.json" value_changed __HYPERVISOR_memory_op &&
    ! json_has_change "$WORK/check3.json" value_changed __HYPERVISOR_memory_op
tap $? "the store is really read (head's entry replaced by the base's: no change seen)"
# A damaged entry (cut short, another format) is a miss: the tree is parsed again.
rm -rf .git/keel-release/abi && cp -r "$WORK/abi-saved" .git/keel-release/abi
for f in .git/keel-release/abi/*.abi; do
    head -c "$(($(wc -c <"$f") / 2))" "$f" >"$f.cut" && mv "$f.cut" "$f"
done
"$KR" check --json "$BASE..HEAD" >"$WORK/check5.json" 2>/dev/null
[ $? -eq "$rc" ] && cmp -s "$WORK/check.json" "$WORK/check5.json"
tap $? "truncated store entries are parsed again: the same answer"
for f in .git/keel-release/abi/*.abi; do echo '{"format": "keel-abi/1"}' >"$f"; done
"$KR" check --json "$BASE..HEAD" >"$WORK/check6.json" 2>/dev/null
[ $? -eq "$rc" ] && cmp -s "$WORK/check.json" "$WORK/check6.json"
tap $? "store entries in another format are parsed again: the same answer"
cp "$KR" "$WORK/kr" && touch -d '2001-01-01' "$WORK/kr"
KR="$WORK/kr" "$WORK/kr" check --json "$BASE..HEAD" >"$WORK/check4.json" 2>/dev/null
json_has_change "$WORK/check4.json" value_changed __HYPERVISOR_memory_op
tap $? "another keel-release build does not read what this one stored"

echo "# foreign done: $TESTNO assertions"
