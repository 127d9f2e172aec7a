#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# "abi diff" on small header directories: one case per class of issue 18
# (what a real foreign header set needs: string macros, whole headers,
# sizes in the report, the granularity of member changes, per-target header
# sets, preludes, the include stack of an error), and the two first-use
# fixes (cut in a fresh repository, check naming uncommitted records).
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
. "$HERE/keys.sh"
WORK=${WORK:-$(mktemp -d)}
mkdir -p "$WORK"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$WORK"' EXIT

# A fresh pair of header directories, $OLD and $NEW, for one case.
case_dirs() { # name
    OLD=$WORK/$1/old NEW=$WORK/$1/new
    mkdir -p "$OLD" "$NEW"
}
# The report as "class kind name[.member]: detail [targets]" lines.
rows() { # diff.json
    python3 - "$1" 2>/dev/null <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for c in d["changes"]:
    m = "." + c["member"] if "member" in c else ""
    t = "" if len(c["targets"]) == len(d["targets"]) else " [" + ",".join(c["targets"]) + "]"
    print("%s %s %s%s: %s%s" % (c["class"], c["kind"], c["name"], m, c["detail"], t))
PY
}
# Runs abi diff OLD NEW on x86_64 with extra options; ROWS holds the rows.
diff_rows() { # case [options...]
    local name=$1
    shift
    "$KR" abi diff --json --target x86_64 "$@" "$OLD" "$NEW" >"$WORK/$name.json" 2>"$WORK/$name.err"
    RC=$?
    ROWS=$(rows "$WORK/$name.json")
}
# The rows are exactly these lines (any order).
rows_are() { # description line...
    local desc=$1 want got
    shift
    want=$(printf '%s\n' "$@" | sort)
    got=$(printf '%s\n' "$ROWS" | sort)
    if [ "$want" = "$got" ]; then
        tap 0 "$desc"
    else
        tap 1 "$desc"
        diff <(echo "$want") <(echo "$got") | sed 's/^/#   /'
    fi
}

# ---- string macros ----
case_dirs strings
cat >"$OLD/ver.h" <<'H'
#define VER_KEEP "same"
#define VER_GONE "gone"
#define VER_TEXT "4.17"
#define VER_JOIN VER_KEEP "-" VER_TEXT
H
cat >"$NEW/ver.h" <<'H'
#define VER_KEEP "same"
#define VER_TEXT "4.20"
#define VER_JOIN VER_KEEP "-" VER_TEXT
#define VER_NEW "new"
H
diff_rows strings
rows_are "string macros: added, removed, changed, changed through another macro" \
    'added macro VER_NEW: "new"' \
    'removed macro VER_GONE: "gone"' \
    'value_changed macro VER_TEXT: "4.17" -> "4.20"' \
    'value_changed macro VER_JOIN: "same-4.17" -> "same-4.20"'

# ---- whole headers ----
case_dirs headers
printf 'struct gone_s { int a; };\n' >"$OLD/gone.h"
printf '#define FRESH_X 1\n' >"$NEW/fresh.h"
printf '#define KEPT 1\n' | tee "$OLD/kept.h" >"$NEW/kept.h"
diff_rows headers
rows_are "a header added and a header removed: one row each, besides their items" \
    'added header fresh.h: ' \
    'added macro FRESH_X: 1' \
    'removed header gone.h: ' \
    'removed struct gone_s: size 4'

# ---- sizes of added/removed types, values of renamed items ----
case_dirs sizes
cat >"$OLD/t.h" <<'H'
#include <stdint.h>
struct old_pair { uint32_t a, b; };
#define OLD_NAME 7
struct before { uint64_t x; };
H
cat >"$NEW/t.h" <<'H'
#include <stdint.h>
typedef uint16_t new_half_t;
#define NEW_NAME 7
struct after { uint64_t x; };
enum new_e { NEW_E0 };
H
diff_rows sizes
rows_are "added and removed types say their size; renamed items their value or size" \
    'removed struct old_pair: size 8' \
    'added typedef new_half_t: uint16_t, size 2' \
    'added enum new_e: size 4' \
    'added enumerator NEW_E0: 0' \
    'renamed macro NEW_NAME: OLD_NAME -> NEW_NAME: 7' \
    'renamed struct after: before -> after: size 8'

# ---- a member renamed that changes kind (union -> struct) ----
case_dirs rename-kind
cat >"$OLD/r.h" <<'H'
#include <stdint.h>
struct rk { uint32_t a; union { uint32_t x; uint32_t y; } u; };
H
cat >"$NEW/r.h" <<'H'
#include <stdint.h>
struct rk { uint32_t a; struct { uint32_t x; } s; };
H
diff_rows rename-kind
rows_are "member u (union) became s (struct), same size and place: one rename, one type change" \
    'member_renamed struct rk.s: u -> s' \
    'member_type_changed struct rk.s: union <anonymous> (4 bytes) -> struct <anonymous> (4 bytes)'

# ---- no descent into a member that is itself renamed or removed ----
case_dirs no-descent
cat >"$OLD/n.h" <<'H'
#include <stdint.h>
struct nd { union { uint32_t a; uint32_t b; } u; union { uint16_t c; uint16_t d; } w; uint16_t e; };
H
cat >"$NEW/n.h" <<'H'
#include <stdint.h>
struct nd { union { uint32_t a; uint32_t b; } v; uint32_t e2; };
H
diff_rows no-descent
rows_are "a renamed union member and a removed one: one row each, none for what is inside" \
    'member_renamed struct nd.v: u -> v' \
    'member_removed struct nd.w: union <anonymous> w at offset 4, 2 bytes' \
    'member_removed struct nd.e: uint16_t e at offset 6, 2 bytes' \
    'member_added struct nd.e2: uint32_t e2 at offset 4, 4 bytes'

# ---- a nested type grows: reported where it happens and where a layout changes ----
case_dirs cascade
cat >"$OLD/c.h" <<'H'
#include <stdint.h>
struct inner { uint32_t a; };
typedef struct inner inner_t;
typedef uint32_t word_t;
struct outer { struct inner i; inner_t j[2]; uint32_t z; };
struct outer2 { struct outer o; };
H
cat >"$NEW/c.h" <<'H'
#include <stdint.h>
struct inner { uint32_t a; uint32_t b; };
typedef struct inner inner_t;
typedef unsigned int word_t;
struct outer { struct inner i; inner_t j[2]; uint32_t z; };
struct outer2 { struct outer o; };
H
diff_rows cascade
rows_are "struct inner grew: its own rows, then each enclosing size/offset once, no member type rows" \
    'size_changed struct inner: size 4 -> 8' \
    'member_added struct inner.b: uint32_t b at offset 4, 4 bytes' \
    'size_changed struct outer: size 16 -> 28' \
    'member_offset_changed struct outer.j: offset 4 -> 8' \
    'member_offset_changed struct outer.z: offset 12 -> 24' \
    'size_changed struct outer2: size 16 -> 28' \
    'type_spelling_changed typedef word_t: uint32_t -> unsigned int'

# ---- offsets relative to the parent ----
case_dirs offsets
cat >"$OLD/o.h" <<'H'
#include <stdint.h>
struct po { uint32_t pre; struct { uint32_t a; uint32_t b; } n; };
H
cat >"$NEW/o.h" <<'H'
#include <stdint.h>
struct po { uint32_t pre; uint32_t pre2; struct { uint32_t a; uint32_t c; uint32_t b; } n; };
H
diff_rows offsets
rows_are "nested members: offsets within their parent, absolute alongside" \
    'size_changed struct po: size 12 -> 20' \
    'member_added struct po.pre2: uint32_t pre2 at offset 4, 4 bytes' \
    'member_offset_changed struct po.n: offset 4 -> 8' \
    'member_added struct po.n.c: uint32_t c at offset 4 in n (12 in po), 4 bytes' \
    'member_offset_changed struct po.n.b: offset 4 -> 8 in n (8 -> 16 in po)'

# ---- per-target header sets ----
case_dirs targets
printf '#define COMMON_X 1\n' | tee "$OLD/common.h" >"$NEW/common.h"
printf 'enum x86_feat { X86_A };\n' >"$OLD/arch-x86.h"
printf 'enum x86_feat { X86_A, X86_B };\n' >"$NEW/arch-x86.h"
printf '# test config\nexclude aarch64 arch-x86*.h\n' >"$WORK/targets.conf"
"$KR" abi diff --json --config "$WORK/targets.conf" "$OLD" "$NEW" >"$WORK/targets.json" 2>/dev/null
ROWS=$(rows "$WORK/targets.json")
rows_are "config: an x86 header excluded on aarch64 gives x86_64 rows only" \
    'added enumerator X86_B: 1 [x86_64-linux-gnu]'
"$KR" abi diff --json --exclude 'aarch64:arch-x86*.h' "$OLD" "$NEW" >"$WORK/targets2.json" 2>/dev/null
ROWS=$(rows "$WORK/targets2.json")
rows_are "--exclude TARGET:GLOB does the same on the command line" \
    'added enumerator X86_B: 1 [x86_64-linux-gnu]'
"$KR" abi dump --dir "$NEW" --target aarch64 --include 'aarch64:common.h' -o "$WORK/incl.json" 2>/dev/null
python3 -c '
import json, sys
items = json.load(open(sys.argv[1]))["targets"]["aarch64-linux-gnu"]
sys.exit(0 if {i["name"] for i in items} == {"COMMON_X"} else 1)' "$WORK/incl.json"
tap $? "--include TARGET:GLOB: only the matching headers are compiled for that target"
printf 'exclude sparc64 x.h\n' >"$WORK/bad.conf"
"$KR" abi diff --config "$WORK/bad.conf" "$OLD" "$NEW" >/dev/null 2>"$WORK/bad.err"
expect_rc 1 $? "config naming an unknown target"
grep -q "bad.conf:1: unknown target \"sparc64\"" "$WORK/bad.err"
tap $? "... names file:line"

# ---- preludes ----
case_dirs prelude
# needs.h uses main.h's type without including it (its includer does).
printf 'typedef unsigned int m_word;\n' | tee "$OLD/main.h" >"$NEW/main.h"
printf 'struct needs { m_word a; };\n' >"$OLD/needs.h"
printf 'struct needs { m_word a; m_word b; };\n' >"$NEW/needs.h"
diff_rows prelude-none
printf '%s\n' "$ROWS" | grep -q '^not_compared header needs.h: skipped on both sides' &&
    ! printf '%s\n' "$ROWS" | grep -q 'size_changed struct needs'
tap $? "without a prelude the header is skipped, and says so (not_compared)"
"$KR" abi diff --strict --target x86_64 "$OLD" "$NEW" >/dev/null 2>&1
expect_rc 1 $? "... and --strict makes that a tool error"
diff_rows prelude --prelude needs.h:main.h
rows_are "--prelude needs.h:main.h: needs.h compiled after main.h, its change seen" \
    'size_changed struct needs: size 4 -> 8' \
    'member_added struct needs.b: m_word b at offset 4, 4 bytes'
printf 'prelude needs.h main.h\n' >"$WORK/prelude.conf"
diff_rows prelude-conf --config "$WORK/prelude.conf"
rows_are "prelude in the config file" \
    'size_changed struct needs: size 4 -> 8' \
    'member_added struct needs.b: m_word b at offset 4, 4 bytes'

# A system header as a prelude: macros built with its macros become constants.
case_dirs sysprelude
printf '#define IOCTL_FOO _IOC(_IOC_NONE, 0x50, 1, 8)\n' >"$OLD/ioc.h"
printf '#define IOCTL_FOO _IOC(_IOC_NONE, 0x50, 1, 8)\n#define IOCTL_BAR _IOC(_IOC_NONE, 0x50, 2, 8)\n' >"$NEW/ioc.h"
diff_rows sysprelude --prelude 'ioc.h:<linux/ioctl.h>'
rows_are "--prelude HEADER:<system.h>: _IOC() macros are evaluated" \
    "added macro IOCTL_BAR: $(((8 << 16) | (0x50 << 8) | 2)) ($(printf '0x%x' $(((8 << 16) | (0x50 << 8) | 2))))"

# ---- an error inside a system header names the set's header that led there ----
case_dirs stack
printf 'struct unclosed {\n    int a;\n#include <stdarg.h>\n' >"$OLD/bad.h"
"$KR" abi dump --dir "$OLD" --target x86_64 -o "$WORK/stack.json" 2>"$WORK/stack.err"
grep -q "stdarg.h:[0-9]*: clang (x86_64-linux-gnu): .*(included from $OLD/bad.h:3): skipped bad.h" "$WORK/stack.err"
tap $? "error in a system header: the include stack names bad.h:3"

# ---- cut in a fresh repository ----
mkdir -p "$WORK/fresh/public" && cd "$WORK/fresh" || exit 1
git_quiet init -q .
printf '/* @abi since=1.0 */\n#define FRESH_ONE 1\n' >public/xen.h
mkdir -p governance && printf 'deprecation_window = 2\n' >governance/policy
make_keys "Fixture ABI maintainer <abi@example.org>" >governance/allowed_signers || exit 1
printf 'THE REST\nM:\tFixture ABI maintainer <abi@example.org>\nF:\t*\nF:\t*/\n' >MAINTAINERS
commit_all "fresh: public headers"
"$KR" cut 1.0 >"$WORK/cut.out" 2>&1
expect_rc 0 $? "cut 1.0 in a fresh repository (no release/ directory yet)"
[ -s release/abi/1.0.json ]
tap $? "... writes release/abi/1.0.json"
commit_all "release: baseline 1.0"
# check reads release/abi.conf from each commit it extracts.
printf 'exclude aarch64 arch-x86.h\n' >release/abi.conf
printf '/* @abi since=1.1 */\n#define X86_ONLY 1\n' >public/arch-x86.h
ACK_AS="Fixture ABI maintainer <abi@example.org>" commit_all "an x86-only header"
"$KR" check --last-release >"$WORK/fresh-check.txt" 2>&1
grep -q 'public/arch-x86.h:2: compatible: added macro X86_ONLY: 1 (only x86_64-linux-gnu)' "$WORK/fresh-check.txt"
tap $? "check: release/abi.conf of the commit applies (x86-only header not compiled for aarch64)"

# ---- check names governance records that are not committed yet ----
CID=I$(head -c 32 /dev/urandom | sha1sum | cut -c1-40)
printf '/* @abi since=1.1 */\n#define FRESH_TWO 2\n' >>public/xen.h
git_quiet add -A && git_quiet commit -q -m "add FRESH_TWO

Change-Id: $CID"
kr_review ack "$CID" --by "Fixture ABI maintainer <abi@example.org>" >"$WORK/ack.out" 2>&1
tap $? "an Ack recorded in the work tree (signed with the maintainer's key)"
"$KR" check --last-release >"$WORK/uncommitted.out" 2>"$WORK/uncommitted.err"
expect_rc 36 $? "check: the Ack is not committed, so the change is not acked"
grep -q "^keel-release: warning: governance/changes/$CID: not committed: check reads governance records from commits; commit it" "$WORK/uncommitted.err"
tap $? "... and check says the record is not committed and to commit it"

# ---- check judges a removed header against the release that shipped it ----
git_quiet add -A && git_quiet commit -q -m "governance: the Ack"
"$KR" cut 1.1 >/dev/null 2>&1 && git_quiet add -A && git_quiet commit -q -m "release: baseline 1.1"
tap $? "cut 1.1 with arch-x86.h"
git_quiet rm -q public/arch-x86.h
ACK_AS="Fixture ABI maintainer <abi@example.org>" commit_all "drop arch-x86.h"
"$KR" check --last-release >"$WORK/rmheader.txt" 2>&1
grep -qx '    public/arch-x86.h:1: incompatible: removed header arch-x86.h' "$WORK/rmheader.txt"
tap $? "a header of the last release removed: incompatible, not 'not in a release yet'"

# ---- the same public/ under another release/abi.conf is another ABI ----
P=$(git rev-parse HEAD)
git_quiet rm -q release/abi.conf
printf '/* @abi since=1.2 */\n#define X86_AGAIN 1\n' >public/arch-x86.h
ACK_AS="Fixture ABI maintainer <abi@example.org>" commit_all "arch-x86.h again, on both targets"
printf 'exclude aarch64 arch-x86.h\n' >release/abi.conf
ACK_AS="Fixture ABI maintainer <abi@example.org>" commit_all "arch-x86.h on x86_64 only"
sed -i 's/X86_AGAIN 1/X86_AGAIN 2/' public/arch-x86.h
ACK_AS="Fixture ABI maintainer <abi@example.org>" commit_all "renumber X86_AGAIN"
"$KR" check "$P..HEAD" >"$WORK/confcache.txt" 2>&1
grep -q 'value_changed macro X86_AGAIN: 1 -> 2 (only x86_64-linux-gnu)' "$WORK/confcache.txt" &&
    ! grep -q 'removed macro X86_AGAIN' "$WORK/confcache.txt"
tap $? "check: a commit's parent ABI follows the parent's release/abi.conf, not a cached one"

echo "# diff fixtures done: $TESTNO assertions"
