#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# keel-release at scale (issue 19, item 6), for make bench: prints figures
# beside their targets, asserts nothing. A generated history
# (bench-history.py, every record entry really signed with the people's
# ssh-keygen keys):
#  1. check over 4 000 commits holding 400 governed changes, each with a
#     committed 3-entry record: cold (nothing in GITDIR/keel-release: every
#     public/ tree parsed, every signature verified) and warm;
#  2. review status of a change whose record has 40 000 signed entries,
#     cold and warm;
#  3. review (an appended entry, signed by ssh-keygen) to a 3-entry record
#     and to the 40 000-entry one: the cost must not depend on the length.
# BENCH_COMMITS, BENCH_CHANGES and BENCH_ENTRIES scale it down for a try.
# Needs BENCH_SIGN (tests/release/bench_sign.c, built by release.mk).
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d)
[ -n "${KEEP:-}" ] && echo "# kept $T" || trap 'rm -rf "$T"' EXIT
. "$HERE/lib.sh"
. "$HERE/fixture-template.sh"
WORK=$T
COMMITS=${BENCH_COMMITS:-4000}
CHANGES=${BENCH_CHANGES:-400}
ENTRIES=${BENCH_ENTRIES:-40000}

now() { date +%s.%N; }
since() { python3 -c "import sys; print('%.3f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$1" "$(now)"; }
# The machine may be shared: each figure is the wall time and, in
# parentheses, the CPU time (user + system) of the command itself.
timed() { # command...: prints "WALL CPU" of one run
    python3 - "$@" <<'PY'
import os, subprocess, sys, time
t = time.time()
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, _, ru = os.wait4(p.pid, 0)  # this command's own (and its children's) CPU time
print("%.3f %.3f" % (time.time() - t, ru.ru_utime + ru.ru_stime))
PY
}
best_of() { # n command...: "WALL s (CPU s CPU)" of the fastest of n runs
    local n=$1 best= t
    shift
    for _ in $(seq "$n"); do
        t=$(timed "$@")
        if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < float(sys.argv[2]) else 1)" "${t% *}" "${best% *}"; then
            best=$t
        fi
    done
    fmt "$best"
}
fmt() { echo "${1% *} s (${1#* } s CPU)"; }

ALICE="Alice <alice@example.org>"
BOB="Bob <bob@example.org>"
CAROL="Carol <carol@example.org>"
gen_s=$(now)
make_template "$T/repo" >/dev/null 2>&1 || { echo "bench-release: fixture failed"; exit 1; }
cd "$T/repo" || exit 1
cat >MAINTAINERS <<'M'
PUBLIC ABI
M:	Alice <alice@example.org>
M:	Bob <bob@example.org>
M:	Carol <carol@example.org>
S:	Supported
F:	public/

THE REST
M:	Alice <alice@example.org>
M:	Bob <bob@example.org>
M:	Carol <carol@example.org>
M:	Dave <dave@example.org>
M:	Erin <erin@example.org>
S:	Supported
F:	*
F:	*/
M
make_keys "$ALICE" "$BOB" "$CAROL" "Dave <dave@example.org>" "Erin <erin@example.org>" \
    >governance/allowed_signers || exit 1
commit_all "bench: maintainers"
BASE=$(git rev-parse HEAD)
BIG=$(python3 "$HERE/bench-history.py" history "$PWD" "$BENCH_SIGN" "$WORK/keys" "$COMMITS" "$CHANGES") ||
    { echo "bench-release: generating the history failed"; exit 1; }
# The range checked is the generated history; the long record's change comes after it.
HEAD1=$(git rev-parse HEAD~1)
ncommits=$(git rev-list --count "$BASE..$HEAD1")
# One of the generated signatures, checked by ssh-keygen: the two agree.
rec=$(git ls-tree --name-only HEAD governance/changes/ | head -1)
python3 - "$rec" >"$T/one.sig" <<'PY'
import sys
text = open(sys.argv[1]).read().split("\n\n")[0]
sig = text[text.index("Signature: ") + 11:].replace("\n ", "\n")
print(sig)
PY
chain=$(sed -n 's/^Chain: //p' "$rec" | head -1)
printf 'keel-governance entry\nChange-Id: %s\nEntry: 1\nChain: %s\n' "$(basename "$rec")" "$chain" |
    ssh-keygen -Y verify -f governance/allowed_signers -I alice@example.org -n keel-governance \
        -s "$T/one.sig" >/dev/null 2>&1 || echo "bench-release: a generated signature does not verify with ssh-keygen"
echo "bench-release: generated $ncommits commits with $CHANGES governed changes in $(since "$gen_s") s"

# ---- 1. check over the generated history ----
rm -rf .git/keel-release
cold=$(fmt "$(timed "$KR" check "$BASE..$HEAD1")")
"$KR" check "$BASE..$HEAD1" >"$T/check.out" 2>&1
rc=$?
warm=$(best_of 3 "$KR" check "$BASE..$HEAD1")
examined=$(sed -n 's/^check: \([0-9]*\) change(s) examined.*/\1/p' "$T/check.out")
echo "bench-release: check over $ncommits commits, $examined governed changes with signed records: ${warm} warm (target < 1 s), ${cold} cold, nothing in GITDIR/keel-release, parsed by $(nproc) worker(s) (target < 3 s) (exit $rc)"

# ---- 2. review status of a 40 000-entry record ----
s=$(now)
python3 "$HERE/bench-history.py" record "$PWD" "$BENCH_SIGN" "$WORK/keys" "$BIG" "$ENTRIES" ||
    { echo "bench-release: generating the record failed"; exit 1; }
echo "bench-release: generated a $ENTRIES-entry signed record ($(($(wc -c <"governance/changes/$BIG") / 1024)) KiB) in $(since "$s") s"
"$KR" review status "$BIG" >"$T/status.out" 2>&1
rc=$?
rm -rf .git/keel-release/signatures
cold=$(fmt "$(timed "$KR" review status "$BIG")")
warm=$(best_of 3 "$KR" review status "$BIG")
echo "bench-release: review status of a $ENTRIES-entry record: ${warm} warm (target < 0.2 s), ${cold} cold, every signature verified (exit $rc)"

# ---- 3. an append: a short record and the long one ----
SMALL=$(git log -1 --format=%B --grep '^version: bench item' | sed -n 's/^Change-Id: //p')
append_cost() { # change-id: the best of 4 appends (nack, withdraw, nack, withdraw by Alice)
    local best= t v
    # The first one reads and verifies the record and leaves a checkpoint.
    KEEL_SIGNING_KEY=$(key_of "$ALICE") "$KR" review nack "$1" --by "$ALICE" --reason "first" >/dev/null 2>&1 ||
        echo "bench-release: review failed on $1" >&2
    for v in withdraw nack withdraw nack; do
        t=$(timed env KEEL_SIGNING_KEY="$(key_of "$ALICE")" "$KR" review "$v" "$1" --by "$ALICE" --reason "again")
        if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < float(sys.argv[2]) else 1)" "${t% *}" "${best% *}"; then
            best=$t
        fi
    done
    fmt "$best"
}
small=$(append_cost "$SMALL")
big=$(append_cost "$BIG")
echo "bench-release: review, an appended entry: ${small} to a 3-entry record, ${big} to a $ENTRIES-entry record (target: the same; ssh-keygen -Y sign included)"
