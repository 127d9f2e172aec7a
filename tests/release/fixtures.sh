#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# keel-release against scripted fixture repositories: one scenario per ABI
# classification and deprecation rule of issue 5, each asserting the exact
# classification and the exit-status bits of "check".
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
. "$HERE/fixture-template.sh"
WORK=${WORK:-$(mktemp -d)}
# These scenarios are about the ABI rules: each change is acked (governance
# has its own scenarios in governance.sh).
ACK_AS="Fixture ABI maintainer <abi@example.org>"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$WORK"' EXIT

make_template "$WORK/template" || { tap 1 "fixture template and cut 1.0"; exit 1; }
tap 0 "fixture template built and release 1.0 cut"

# ---- abi dump ----
scenario dump
"$KR" abi dump -o "$WORK/dump.json" >/dev/null 2>&1
python3 - "$WORK/dump.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))["targets"]
val = lambda t, n: next(i for i in d[t] if i["name"] == n)
assert val("aarch64-linux-gnu", "XEN_ARCH_ID")["value"] == 0xA64
assert val("x86_64-linux-gnu", "XEN_ARCH_ID")["value"] == 0x86
xv = val("x86_64-linux-gnu", "__HYPERVISOR_xen_version")
assert xv["value"] == 17 and xv["file"] == "xen.h" and xv["tags"]["since"] == "1.0", xv
p = val("aarch64-linux-gnu", "xen_pair")
assert p["size"] == 8 and p["align"] == 4 and [m["offset"] for m in p["members"]] == [0, 4]
assert p["members"][1]["type"] == "uint32_t"
e = val("aarch64-linux-gnu", "SHUTDOWN_MAX")
assert e["kind"] == "enumerator" and e["enum"] == "xen_shutdown" and e["value"] == 1
PY
tap $? "abi dump: per-target values, macro through macro, layouts, enumerators, tags"

# Any header directory, with -D and -I, as for Xen's xen/include/public.
mkdir -p "$WORK/xenlike/public" "$WORK/xenlike/inc"
printf '#define OUTSIDE_BASE 40\n' >"$WORK/xenlike/inc/outside.h"
cat >"$WORK/xenlike/public/xen.h" <<'H'
#include <outside.h>
#if __XEN_INTERFACE_VERSION__ >= 0x00040e00
#define __HYPERVISOR_hypfs_op (OUTSIDE_BASE + 2)
#endif
H
"$KR" abi dump --dir "$WORK/xenlike/public" -I "$WORK/xenlike/inc" \
    -D__XEN_INTERFACE_VERSION__=0x00040e00 --target aarch64 -o "$WORK/xenlike.json" 2>/dev/null
python3 - "$WORK/xenlike.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))["targets"]
assert list(d) == ["aarch64-linux-gnu"]
names = {i["name"]: i for i in d["aarch64-linux-gnu"]}
assert names["__HYPERVISOR_hypfs_op"]["value"] == 42 and "OUTSIDE_BASE" not in names
PY
tap $? "abi dump --dir with -I and -D: only the set's macros, evaluated through outside ones"

# An enum big enough that its items move while its enumerators are added.
scenario big-enum
{
    echo '/* @abi since=1.0 */'
    echo 'enum xen_big {'
    for i in $(seq 0 299); do echo "    XEN_BIG_$i = $i,"; done
    echo '};'
} >public/big.h
"$KR" abi dump --target x86_64 -o "$WORK/big.json" >/dev/null 2>&1
python3 - "$WORK/big.json" <<'PY'
import json, sys
items = json.load(open(sys.argv[1]))["targets"]["x86_64-linux-gnu"]
big = [i for i in items if i["name"].startswith("XEN_BIG_")]
assert len(big) == 300 and all(i["tags"]["since"] == "1.0" for i in big)
PY
tap $? "abi dump: 300 enumerators inherit their enum's tag"

# ---- one scenario per classification ----
scenario renumber
sed -i 's/__HYPERVISOR_console_io 18/__HYPERVISOR_console_io 20/' public/xen.h
commit_all "renumber console_io"
run_check
expect_rc 8 $RC "renumbered hypercall macro is incompatible"
json_has_change "$OUT" value_changed __HYPERVISOR_console_io
tap $? "renumbered hypercall macro: value_changed"

scenario through-macro
sed -i 's/__HYPERVISOR_base 16/__HYPERVISOR_base 32/' public/xen.h
commit_all "move the base"
run_check
expect_rc 8 $RC "macro defined through another macro"
json_has_change "$OUT" value_changed __HYPERVISOR_xen_version
tap $? "macro through macro: the derived macro's value_changed"

scenario reorder
sed -i '/struct xen_pair {/,/};/{s/uint32_t a;/uint32_t TMP;/;s/uint32_t b;/uint32_t a;/;s/uint32_t TMP;/uint32_t b;/}' public/xen.h
commit_all "reorder xen_pair"
run_check
expect_rc 8 $RC "struct member reordered"
json_has_change "$OUT" member_offset_changed xen_pair a && json_has_change "$OUT" member_offset_changed xen_pair b
tap $? "struct member reordered: member_offset_changed for a and b"

scenario widen
sed -i '/struct xen_pair {/,/};/s/uint32_t b;/uint64_t b;/' public/xen.h
commit_all "widen xen_pair.b"
run_check
expect_rc 8 $RC "member type uint32_t -> uint64_t"
json_has_change "$OUT" member_type_changed xen_pair b && json_has_change "$OUT" size_changed xen_pair
tap $? "member type uint32_t -> uint64_t: member_type_changed and size_changed"

scenario padding
sed -i 's/    uint8_t pad\[3\];/    uint8_t flags;\n    uint8_t pad[2];/' public/xen.h
commit_all "use a padding byte"
run_check
expect_rc 8 $RC "padding change that keeps the size"
json_has_change "$OUT" member_added xen_padded flags && json_has_change "$OUT" member_type_changed xen_padded pad && json_lacks_class "$OUT" size_changed
tap $? "padding change: member_added + member_type_changed, no size_changed"

scenario sentinel
sed -i 's/    SHUTDOWN_MAX = 1/    SHUTDOWN_crash = 2,\n    SHUTDOWN_MAX = 2/' public/xen.h
commit_all "add SHUTDOWN_crash"
run_check
expect_rc 4 $RC "enum sentinel change is not incompatible"
json_has_change "$OUT" sentinel_changed SHUTDOWN_MAX && json_has_change "$OUT" added SHUTDOWN_crash
tap $? "enum sentinel: sentinel_changed and added"

scenario append
sed -i '/struct xen_pair {/,/};/s/uint32_t b;/uint32_t b;\n    uint32_t c;/' public/xen.h
commit_all "append to xen_pair"
run_check
expect_rc 8 $RC "appended member is incompatible"
json_has_change "$OUT" member_added xen_pair c
tap $? "appended member: member_added"

scenario member-removed
sed -i '/struct xen_padded {/,/};/{/uint32_t value;/d}' public/xen.h
commit_all "drop xen_padded.value"
run_check
expect_rc 8 $RC "member removed"
json_has_change "$OUT" member_removed xen_padded value
tap $? "member removed: member_removed"

scenario typedef
sed -i 's/typedef uint32_t xen_word_t;/typedef uint64_t xen_word_t;/' public/xen.h
commit_all "widen xen_word_t"
run_check
expect_rc 8 $RC "typedef size/alignment change"
json_has_change "$OUT" size_changed xen_word_t && json_has_change "$OUT" alignment_changed xen_word_t && json_has_change "$OUT" type_changed xen_word_t
tap $? "typedef widened: size_changed, alignment_changed, type_changed"

scenario added
printf '/* @abi since=1.1 */\n#define XENVER_new 3\n' >>public/version.h
commit_all "add XENVER_new"
run_check
expect_rc 4 $RC "added item is compatible"
json_has_change "$OUT" added XENVER_new
tap $? "added: added"

scenario untagged
printf '#define XENVER_untagged 3\n' >>public/version.h
commit_all "add XENVER_untagged without a tag"
run_check
expect_rc 20 $RC "item added without @abi tag: compatible + policy"

scenario renamed
sed -i 's/#define XENVER_plain 2/#define XENVER_simple 2/; s/case XENVER_plain:/case XENVER_simple:/' public/version.h xen/common/version.c
commit_all "rename XENVER_plain"
run_check
expect_rc 4 $RC "renamed (same value) is compatible"
json_has_change "$OUT" renamed XENVER_simple
tap $? "renamed: renamed XENVER_plain -> XENVER_simple"

# ---- deprecation windows ----
scenario never-deprecated
sed -i '/@abi since=1.0 \*\/$/{N;/XENVER_plain/d}' public/version.h
commit_all "remove XENVER_plain"
run_check
expect_rc 24 $RC "removal of a never-deprecated item: incompatible + policy"
json_has_violation "$OUT" removed-never-deprecated XENVER_plain
tap $? "removal of a never-deprecated item: removed-never-deprecated"

scenario before-window
sed -i '/deprecated=1.0 replacement=XENVER_version/d; /#define XENVER_extraversion/d' public/version.h
commit_all "remove XENVER_extraversion"
run_check
expect_rc 24 $RC "removal before the window: incompatible + policy"
json_has_violation "$OUT" removed-before-window XENVER_extraversion
tap $? "removal before the window: removed-before-window"

scenario after-window
"$KR" cut 1.1 >/dev/null 2>&1 && commit_all "release: baseline 1.1"
tap $? "cut 1.1 on an unchanged ABI"
BASE=$(git rev-parse HEAD)
sed -i '/deprecated=1.0 replacement=XENVER_version/d; /#define XENVER_extraversion/d' public/version.h
commit_all "remove XENVER_extraversion after the window"
run_check
expect_rc 4 $RC "removal after the window: allowed (compatible)"
json_has_change "$OUT" removed XENVER_extraversion
tap $? "removal after the window: removed, no violation"

scenario handler-gone
sed -i '/__HYPERVISOR_old_op/d' xen/include/xen/hypercall-defs.h
commit_all "drop do_old_op from the table"
run_check
expect_rc 16 $RC "deprecated hypercall whose handler was deleted"
json_has_violation "$OUT" implementation-gone __HYPERVISOR_old_op
tap $? "deleted handler: implementation-gone"

scenario subop-gone
sed -i '/case XENVER_extraversion:/,+1d' xen/common/version.c
commit_all "drop XENVER_extraversion's case"
run_check
expect_rc 16 $RC "deprecated sub-op whose case was deleted"
json_has_violation "$OUT" implementation-gone XENVER_extraversion
tap $? "deleted sub-op case: implementation-gone"

scenario removed-tag
sed -i 's/@abi since=1.0 deprecated=1.0 replacement=XENVER_version/@abi since=1.0 deprecated=1.0 removed=1.1 replacement=XENVER_version/' public/version.h
commit_all "tag removed while defined"
run_check
expect_rc 16 $RC "removed= tag on an item still defined"
json_has_violation "$OUT" removed-tag-on-defined-item XENVER_extraversion
tap $? "removed= tag on a defined item: removed-tag-on-defined-item"

scenario bad-replacement
sed -i 's/replacement=XENVER_version/replacement=XENVER_nothing/' public/version.h
commit_all "point at a replacement that does not exist"
run_check
expect_rc 16 $RC "replacement that does not exist"
json_has_violation "$OUT" replacement-missing XENVER_extraversion
tap $? "missing replacement: replacement-missing"

# ---- check without tags vs with tags, and on an unchanged range ----
scenario last-release
"$KR" check --last-release >/dev/null 2>&1
expect_rc 0 $? "check --last-release with no tag and no change since the baseline"
sed -i 's/__HYPERVISOR_console_io 18/__HYPERVISOR_console_io 21/' public/xen.h
commit_all "renumber"
"$KR" check --last-release >/dev/null 2>&1
expect_rc 8 $? "check --last-release finds the release from its baseline file (no tag)"
git_quiet tag RELEASE-1.0 HEAD
"$KR" check --last-release >/dev/null 2>&1
expect_rc 0 $? "check --last-release starts from the RELEASE-1.0 tag when present"

# ---- abi diff ----
scenario diff
sed -i 's/__HYPERVISOR_console_io 18/__HYPERVISOR_console_io 20/' public/xen.h
commit_all "renumber"
"$KR" abi diff HEAD~1 HEAD >"$WORK/diff.txt"
expect_rc 8 $? "abi diff REV REV"
grep -q '^public/xen.h:[0-9]*: incompatible: value_changed macro __HYPERVISOR_console_io: 18 (0x12) -> 20 (0x14)$' "$WORK/diff.txt"
tap $? "abi diff: human report line with file:line and classification"
"$KR" abi diff --json release/abi/1.0.json public >"$WORK/diff.json"
expect_rc 8 $? "abi diff DUMP DIR"
json_has_change "$WORK/diff.json" value_changed __HYPERVISOR_console_io
tap $? "abi diff --json: value_changed"
"$KR" abi diff HEAD HEAD >/dev/null
expect_rc 0 $? "abi diff of identical trees (byte pre-check)"

# ---- cut ----
scenario cut
"$KR" cut 1.0 >/dev/null 2>&1
expect_rc 3 $? "cut of an existing release is refused"
"$KR" cut 0.9 >/dev/null 2>&1
expect_rc 3 $? "cut of a version before the last release is refused"
"$KR" cut one >/dev/null 2>&1
expect_rc 2 $? "cut with a malformed version is a usage error"
sed -i 's/__HYPERVISOR_console_io 18/__HYPERVISOR_console_io 20/' public/xen.h
commit_all "renumber"
"$KR" cut 1.1 >/dev/null 2>&1
rc=$?
expect_rc 3 $rc "cut refuses when check against 1.0 fails"
[ ! -e release/abi/1.1.json ]
tap $? "refused cut writes nothing"
git_quiet revert --no-commit HEAD && commit_all "revert the renumbering"
printf '/* @abi since=1.1 */\n#define XENVER_more 4\n' >>public/version.h
commit_all "add XENVER_more"
printf '/* @abi since=1.1 */\n#define XENVER_uncommitted 5\n' >>public/version.h
"$KR" cut 1.1 >/dev/null 2>"$WORK/cut.err"
expect_rc 3 $? "cut refuses uncommitted edits to public/"
grep -q 'public/version.h: differs from HEAD: commit first' "$WORK/cut.err" && [ ! -e release/abi/1.1.json ]
tap $? "cut names the uncommitted header and writes nothing"
git_quiet checkout public/version.h
"$KR" cut 1.1 >/dev/null 2>&1
expect_rc 0 $? "cut 1.1 after a compatible change"
python3 -c 'import json,sys; d=json.load(open("release/abi/1.1.json")); assert d["release"]=="1.1"' 2>/dev/null
tap $? "cut wrote release/abi/1.1.json with its release number"
printf '/* @abi since=1.3 */\n#define XENVER_future 5\n' >>public/version.h
commit_all "tag a release that is not the one being cut"
"$KR" cut 1.2 >/dev/null 2>"$WORK/cut.err"
expect_rc 1 $? "cut refuses since= naming a release that is not real"
grep -q 'public/version.h:[0-9]*: @abi since=1.3 is not a release' "$WORK/cut.err"
tap $? "cut's error names file:line"

# ---- bad input: one line naming the place, exit 1, nothing written ----
scenario bad-tag
sed -i 's/@abi since=1.0 \*\/\n#define XENVER_plain/X/; s|/\* @abi since=1.0 \*/|/* @abi since=1.0 colour=blue */|' public/version.h
"$KR" abi dump -o "$WORK/bad.json" 2>"$WORK/err.txt" >/dev/null
expect_rc 1 $? "unknown @abi key"
grep -q '^keel-release: public/version.h:5: unknown @abi key "colour"' "$WORK/err.txt" && [ "$(wc -l <"$WORK/err.txt")" -eq 1 ] && [ ! -e "$WORK/bad.json" ]
tap $? "unknown @abi key: one line with file:line, nothing written"

scenario bad-order
sed -i 's/@abi since=1.0 deprecated=1.0 replacement/@abi since=1.1 deprecated=1.0 replacement/' public/version.h
"$KR" abi dump >/dev/null 2>"$WORK/err.txt"
expect_rc 1 $? "deprecated before since"
grep -q 'public/version.h:7: @abi deprecated=1.0 is before since=1.1' "$WORK/err.txt"
tap $? "deprecated before since names file:line"

scenario bad-version
sed -i 's|@abi since=1.0 \*/|@abi since=1.x */|' public/arch-arm.h
"$KR" abi dump >/dev/null 2>"$WORK/err.txt"
expect_rc 1 $? "malformed version in a tag"
grep -q 'public/arch-arm.h:1: @abi since=1.x is not a release number' "$WORK/err.txt"
tap $? "malformed version names file:line"

scenario not-a-release
sed -i 's|@abi since=1.0 \*/|@abi since=0.5 */|' public/arch-arm.h
commit_all "since=0.5"
run_check
expect_rc 1 $RC "a tag version that is not a release"
grep -q 'public/arch-arm.h:1: @abi since=0.5 is not a release' "$OUT.err"
tap $? "not-a-release names file:line"

scenario bad-header
printf 'struct broken { int a; } oops oops;\n' >>public/version.h
"$KR" abi dump >/dev/null 2>"$WORK/err.txt"
expect_rc 1 $? "header that does not parse"
grep -q '^keel-release: public/version.h:1[0-9]: clang (aarch64-linux-gnu): ' "$WORK/err.txt" && [ "$(wc -l <"$WORK/err.txt")" -eq 1 ]
tap $? "clang's diagnostic with file:line on one line"

scenario bad-rev
"$KR" abi diff no-such-rev HEAD >/dev/null 2>"$WORK/err.txt"
expect_rc 1 $? "unknown revision"
grep -q 'no-such-rev: unknown revision' "$WORK/err.txt"
tap $? "unknown revision is named"

scenario bad-policy
printf 'deprecation_window: 2\n' >governance/policy
"$KR" deprecations >/dev/null 2>"$WORK/err.txt"
expect_rc 1 $? "unreadable policy file"
grep -q 'governance/policy (work tree):1: want "key = value"' "$WORK/err.txt"
tap $? "bad policy line names file:line"
rm governance/policy
"$KR" deprecations >/dev/null 2>&1
expect_rc 1 $? "missing policy file"

scenario missing-baseline
rm release/abi/1.0.json
"$KR" abi diff release/abi/1.0.json HEAD >/dev/null 2>"$WORK/err.txt"
expect_rc 1 $? "missing baseline file"

scenario usage
"$KR" check >/dev/null 2>&1
expect_rc 2 $? "check without a range is a usage error"
"$KR" frobnicate >/dev/null 2>&1
expect_rc 2 $? "unknown command is a usage error"

echo "# fixtures done: $TESTNO assertions"
