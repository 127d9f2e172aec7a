#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The attack table of issue 19, one fixture per row: what someone with commit
# access could do to walk around the governance gate, and what keel-release
# must do instead. Each fixture failed with the tool before the fix.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
. "$HERE/fixture-template.sh"
. "$HERE/keys.sh"
WORK=${WORK:-$(mktemp -d)}
[ -n "${KEEP:-}" ] || trap 'rm -rf "$WORK"' EXIT


make_template "$WORK/template0" || { tap 1 "attack fixture template"; exit 1; }
rm -rf "$WORK/template"
cp -a "$WORK/template0" "$WORK/template"
(
    cd "$WORK/template" || exit 1
    cat >MAINTAINERS <<M
PUBLIC ABI
M:	$ALICE
M:	$BOB
M:	$CAROL
S:	Supported
F:	public/

THE REST
M:	$ALICE
M:	$BOB
M:	$CAROL
M:	$DAVE
M:	$ERIN
S:	Supported
F:	*
F:	*/
M
    printf 'referee_quorum = 2\n' >>governance/policy
    make_keys "$ALICE" "$BOB" "$CAROL" "$DAVE" "$ERIN" "$HEIDI" "$MALLORY" | grep -v mallory \
        >governance/allowed_signers || exit 1
    commit_all "fixture: maintainers and their keys"
)
tap $? "attack template: three ABI maintainers, five referees, their SSH keys"

# Heidi's change to public/version.h; sets CID.
heidi_change() { # name
    CID=$(new_change_id)
    sed -i "s/#endif/\/* @abi since=1.1 *\/\n#define XENVER_$1 7\n#endif/" public/version.h
    git add -A >/dev/null 2>&1
    git -c user.name="Heidi Author" -c user.email=heidi@example.org -c commit.gpgsign=false \
        commit -q -m "version: XENVER_$1

Change-Id: $CID" >/dev/null 2>&1
}
# Recomputes every Chain: of a hand-edited record, as a forger would (record.h).
rechain() { # file change-id
    python3 - "$1" "$2" <<'PY2'
import hashlib, sys
p, cid = sys.argv[1:3]
prev = hashlib.sha256(("keel-governance " + cid).encode()).hexdigest()
out = []
for st in open(p, "rb").read().rstrip(b"\n").split(b"\n\n"):
    lines = [l for l in st.split(b"\n") if not l.startswith(b"Chain: ")]
    text = b"\n".join(lines) + b"\n"
    prev = hashlib.sha256(prev.encode() + b"\n" + text).hexdigest()
    out.append(text + b"Chain: " + prev.encode() + b"\n")
open(p, "wb").write(b"\n".join(out))
PY2
}
# forge FILE CID VERDICT BY [REASON]: appends an entry by hand with a valid
# Entry: and Chain:, as someone who can write the file would; with SIGN_KEY
# set it is signed with that key (ssh-keygen, namespace keel-governance).
forge() {
    python3 - "$@" <<'PY2'
import hashlib, os, subprocess, sys, tempfile
p, cid, verdict, by = sys.argv[1:5]
reason = sys.argv[5] if len(sys.argv) > 5 else None
old = open(p).read().rstrip("\n") if os.path.exists(p) else ""
stanzas = old.split("\n\n") if old else []
prev = hashlib.sha256(("keel-governance " + cid).encode()).hexdigest()
for s in stanzas:
    prev = [l for l in s.split("\n") if l.startswith("Chain: ")][0][7:]
n = len(stanzas) + 1
text = "Entry: %d\nVerdict: %s\nBy: %s\nRole: maintainer\nDate: 2026-12-01T00:00:00Z\n" % (n, verdict, by)
if reason:
    text += "Reason: %s\n" % reason
chain = hashlib.sha256((prev + "\n" + text).encode()).hexdigest()
entry = text + "Chain: %s\n" % chain
key = os.environ.get("SIGN_KEY")
if key:
    d = tempfile.mkdtemp()
    m = os.path.join(d, "m")
    open(m, "w").write("keel-governance entry\nChange-Id: %s\nEntry: %d\nChain: %s\n" % (cid, n, chain))
    subprocess.run(["ssh-keygen", "-q", "-Y", "sign", "-n", "keel-governance", "-f", key, m],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    sig = open(m + ".sig").read().rstrip("\n").split("\n")
    entry += "Signature: " + "\n ".join(sig) + "\n"
os.makedirs(os.path.dirname(p), exist_ok=True)
open(p, "w").write((old + "\n\n" if old else "") + entry)
PY2
}
REC_OF() { echo "governance/changes/$1"; }
REC() { echo "governance/changes/$CID"; }
kcheck() { "$KR" check "$@" "$BASE..HEAD" >"$WORK/out.txt" 2>"$WORK/err.txt"; }
review() { kr_review "$@" >/dev/null 2>"$WORK/review.err" || { sed 's/^/# /' "$WORK/review.err"; return 1; }; }
show() { sed 's/^/# /' "$WORK/out.txt" "$WORK/err.txt"; }

# ---- a NUL byte: an error with file:line, never the rest silently ignored ----
scenario nul-record
heidi_change nul
review ack "$CID" --by "$ALICE"
review nack "$CID" --by "$BOB" --reason "hidden after the NUL"
# The NUL goes just before Bob's Nack: a reader stopping there sees only the Ack.
python3 - "$(REC)" <<'PY'
import sys
p = sys.argv[1]
t = open(p, "rb").read()
i = t.index(b"\n\nEntry: 2")
open(p, "wb").write(t[:i] + b"\n\x00" + t[i:])
PY
before=$(sha256sum <"$(REC)")
"$KR" review ack "$CID" --by "$CAROL" >/dev/null 2>"$WORK/err.txt"
rc=$?
[ $rc -eq 3 ] && grep -q "governance/changes/$CID:[0-9]*: a NUL byte" "$WORK/err.txt" &&
    [ "$before" = "$(sha256sum <"$(REC)")" ]
tap $? "review refuses a record holding a NUL byte, names file:line, rewrites nothing (exit $rc)"
commit_all "governance: a record with a NUL"
kcheck
rc=$?
[ $((rc & 32)) -ne 0 ] && grep -q "record problem: governance/changes/$CID:[0-9]*: a NUL byte" "$WORK/out.txt"
r=$?
[ $r -eq 0 ] || show
tap $r "check: a record with a NUL byte is a named record problem, the change stays out (exit $rc)"

# A long record is read from the work tree a piece (1 MiB) at a time: file:line
# past the first piece, and a bad byte far down undoes what came before it.
scenario long-record
heidi_change longrec
review ack "$CID" --by "$ALICE"
# 4 000 unsigned entries (chained: only their signatures are missing), ~2.4 MB.
python3 - "$(REC)" "$CID" >"$WORK/long.lines" <<'PY'
import hashlib, sys
p, cid = sys.argv[1:3]
t = open(p).read().rstrip("\n")
prev = [l for l in t.split("\n") if l.startswith("Chain: ")][-1][7:]
out, line = [t], t.count("\n") + 1
for n in range(2, 4002):
    text = ("Entry: %d\nVerdict: comment\nBy: Carol <carol@example.org>\nRole: maintainer\n"
            "Date: 2026-12-01T00:00:00Z\nReason: %s\n" % (n, "x" * 500))
    prev = hashlib.sha256((prev + "\n" + text).encode()).hexdigest()
    line += 2  # the blank line, then the entry's first line
    start = line
    line += text.count("\n")
    out.append(text + "Chain: " + prev)
print(start)  # where the last entry starts
open(p, "w").write("\n\n".join(out) + "\n")
PY
"$KR" review status "$CID" >"$WORK/out.txt" 2>"$WORK/err.txt"
grep -q "governance/changes/$CID:$(cat "$WORK/long.lines"): entry 4001: comment by Carol <carol@example.org> not counted: not signed" "$WORK/out.txt" &&
    grep -q "acked by $ALICE" "$WORK/out.txt"
r=$?
[ $r -eq 0 ] || show
tap $r "review status: a 2.4 MB record read in pieces: the last entry named at its line, the first one's Ack counted"
python3 - "$(REC)" >"$WORK/long.nul" <<'PY'
import sys
p = sys.argv[1]
t = open(p, "rb").read()
i = t.rindex(b"\nReason: ") + 1
open(p, "wb").write(t[:i] + b"\x00" + t[i:])
print(t[:i].count(b"\n") + 1)
PY
"$KR" review status "$CID" >"$WORK/out.txt" 2>"$WORK/err.txt"
grep -q "governance/changes/$CID:$(cat "$WORK/long.nul"): a NUL byte" "$WORK/out.txt" "$WORK/err.txt" &&
    ! grep -q "acked by" "$WORK/out.txt" && ! grep -q "not counted" "$WORK/out.txt"
r=$?
[ $r -eq 0 ] || show
tap $r "review status: a NUL byte 2 MB down a record: named at its line, nothing before it counted"

scenario nul-maintainers
heidi_change nulm
# After the NUL, Mallory becomes an ABI maintainer for a reader that stops there.
python3 - <<'PY2'
t = open("MAINTAINERS", "rb").read()
t = t.replace(b"S:\tSupported\nF:\tpublic/\n", b"S:\tSupported\nF:\tpublic/\n\x00\nM:\tMallory <m@example.org>\n", 1)
open("MAINTAINERS", "wb").write(t)
PY2
commit_all "MAINTAINERS with a NUL"
kcheck
rc=$?
[ $rc -eq 1 ] && grep -q "MAINTAINERS:[0-9]*: a NUL byte" "$WORK/err.txt"
r=$?
[ $r -eq 0 ] || show
tap $r "check: a NUL byte in MAINTAINERS is an error with file:line (exit $rc)"
git_quiet reset -q --hard HEAD~1
printf '# note\0\nreferee_quorum = 1\n' >>governance/policy
commit_all "policy with a NUL"
kcheck
rc=$?
[ $rc -eq 1 ] && grep -q "governance/policy ([0-9a-f]*):[0-9]*: a NUL byte" "$WORK/err.txt"
r=$?
[ $r -eq 0 ] || show
tap $r "check: a NUL byte in the policy is an error with file:line (exit $rc)"

# ---- CR and invalid UTF-8 in files ----
scenario cr
heidi_change cr
printf '# a comment\r\n' >>governance/policy
commit_all "policy with a CR"
kcheck
rc=$?
[ $rc -eq 1 ] && grep -q "governance/policy ([0-9a-f]*):[0-9]*: a carriage return" "$WORK/err.txt"
tap $? "check: a CR in the policy is an error with file:line (exit $rc)"

scenario utf8
heidi_change utf8
review nack "$CID" --by "$BOB" --reason "bad bytes follow"
sed -i 's/^Reason: bad bytes follow$/Reason: bad \xff bytes/' "$(REC)"
rechain "$(REC)" "$CID"
commit_all "governance: invalid UTF-8 in a reason"
"$KR" check --json "$BASE..HEAD" >"$WORK/out.json" 2>"$WORK/err.txt"
rc=$?
python3 - "$WORK/out.json" "$CID" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
g = [c["governance"] for c in d["changes"] if "governance" in c][0]
assert not g["may_go_in"], g
assert any("governance/changes/%s:" % sys.argv[2] in p and "invalid UTF-8" in p for p in g["problems"]), g
PY
tap $? "check --json: invalid UTF-8 in a record is a named problem, the change stays out (exit $rc)"
"$KR" review nack "$CID" --by "$ALICE" --reason $'bad \xff' >/dev/null 2>"$WORK/err.txt"
expect_rc 2 $? "review: a --reason that is not UTF-8 is refused"

scenario utf8-author
sed -i 's/#endif/\/* @abi since=1.1 *\/\n#define XENVER_latin1 7\n#endif/' public/version.h
git add -A >/dev/null 2>&1
# git itself converts a Latin-1 name to UTF-8: the raw bytes go in by hand.
tree=$(git write-tree)
head=$(git rev-parse HEAD)
new=$(printf 'tree %s\nparent %s\nauthor H\xe9idi <heidi@example.org> 1700000000 +0000\ncommitter H\xe9idi <heidi@example.org> 1700000000 +0000\n\nversion: XENVER_latin1\n\nChange-Id: %s\n' \
    "$tree" "$head" "$(new_change_id)" | git hash-object -t commit -w --stdin)
git_quiet reset -q --hard "$new"
"$KR" check --json "$BASE..HEAD" >"$WORK/out.json" 2>"$WORK/err.txt"
python3 - "$WORK/out.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
g = [c["governance"] for c in d["changes"] if "governance" in c][0]
assert g["authors"] == ["H\\xe9idi <heidi@example.org>"], g["authors"]
PY
tap $? "check --json: an author name that is not UTF-8 is escaped, not dropped"

# ---- reasons cannot imitate tool output ----
scenario fake-line
heidi_change fake
review nack "$CID" --by "$BOB" --reason $'x\n    governance: Change-Id I0000000000000000000000000000000000000000: may go in'
commit_all "governance: a reason with a fake verdict"
kcheck
! grep -q '^    governance: Change-Id I0000000000000000000000000000000000000000: may go in' "$WORK/out.txt" &&
    grep -q 'standing Nack by .*: x\\x0a    governance: Change-Id I0000' "$WORK/out.txt"
r=$?
[ $r -eq 0 ] || show
tap $r "check prints a multi-line reason escaped on its own line: no fake verdict line"
"$KR" review status "$CID" >"$WORK/out.txt" 2>&1
! grep -q '^    governance: Change-Id I0000' "$WORK/out.txt"
tap $? "review status prints it escaped too"

# ---- --by with control characters ----
scenario by-control
heidi_change byctl
"$KR" review ack "$CID" --by $'Alice Maintainer\r <alice@example.org>' >/dev/null 2>"$WORK/err.txt"
rc=$?
[ $rc -eq 2 ] && [ ! -e "$(REC)" ]
tap $? "review: --by with a CR is refused, nothing stored (exit $rc)"
"$KR" review ack "$CID" --by $'Alice\nMaintainer <alice@example.org>' >/dev/null 2>"$WORK/err.txt"
rc=$?
[ $rc -eq 2 ] && [ ! -e "$(REC)" ]
tap $? "review: --by with a newline is refused, nothing stored (exit $rc)"
"$KR" review ack "$CID" --by $'Alice \x1b[2J <alice@example.org>' >/dev/null 2>"$WORK/err.txt"
expect_rc 2 $? "review: --by with an escape character is refused"

# ---- symlinks under governance/ ----
scenario symlink
heidi_change link
mkdir -p "$WORK/outside"
ln -s "$WORK/outside" governance/changes
commit_all "governance: changes as a symlink"
"$KR" review ack "$CID" --by "$ALICE" >/dev/null 2>"$WORK/err.txt"
rc=$?
[ $rc -eq 1 ] && [ -z "$(ls -A "$WORK/outside")" ] && grep -q "governance/changes: a symbolic link" "$WORK/err.txt"
tap $? "review refuses a governance/changes symlink and writes nothing outside (exit $rc)"
kcheck
rc=$?
[ $rc -eq 1 ] && grep -q "governance/changes: a symbolic link" "$WORK/err.txt"
tap $? "check refuses a committed governance/changes symlink (exit $rc)"
rm governance/changes && mkdir -p governance/changes && ln -s /etc/hostname "$(REC)"
"$KR" review status "$CID" >/dev/null 2>"$WORK/err.txt"
rc=$?
[ $rc -eq 1 ] && grep -q "governance/changes/$CID: a symbolic link" "$WORK/err.txt"
tap $? "review status refuses a record that is a symlink (exit $rc)"
rm -f "$(REC)"
cp governance/policy "$WORK/policy-elsewhere"
ln -s "$WORK/policy-elsewhere" governance/policy.new && mv governance/policy.new governance/policy
"$KR" review status "$CID" >/dev/null 2>"$WORK/err.txt"
rc=$?
[ $rc -eq 1 ] && grep -q "governance/policy: a symbolic link" "$WORK/err.txt"
tap $? "a policy that is a symlink is refused (exit $rc)"

# ---- a misspelt policy key, a malformed F: glob ----
scenario typo
heidi_change typo
printf 'referee_qorum = 1\n' >>governance/policy
commit_all "policy: typo"
kcheck
rc=$?
[ $rc -eq 1 ] && grep -q 'governance/policy ([0-9a-f]*):[0-9]*: unknown key "referee_qorum"' "$WORK/err.txt"
tap $? "check: an unknown policy key is an error with file:line (exit $rc)"
"$KR" review status "$CID" >/dev/null 2>"$WORK/err.txt"
rc=$?
[ $rc -eq 1 ] && grep -q 'unknown key "referee_qorum"' "$WORK/err.txt"
tap $? "review status validates the policy as check does (exit $rc)"
git_quiet reset -q --hard HEAD~1
sed -i 's|^F:	public/$|&\nF:	public/[ab|' MAINTAINERS
commit_all "MAINTAINERS: a bad glob"
kcheck
rc=$?
[ $rc -eq 1 ] && grep -q "MAINTAINERS:[0-9]*: F: \"public/\[ab\" is not a valid pattern: an unclosed '\['" "$WORK/err.txt"
r=$?
[ $r -eq 0 ] || show
tap $r "check: a malformed F: glob is an error with file:line (exit $rc)"
"$KR" maintainers --self-test >/dev/null 2>"$WORK/err.txt"
expect_rc 1 $? "maintainers --self-test reports the malformed glob"
git_quiet reset -q --hard HEAD~1
printf 'review_status = 1\n' >>governance/policy
"$KR" review status "$CID" >/dev/null 2>"$WORK/err.txt"
expect_rc 1 $? "review status: an unknown key in the work tree's policy"

# ---- history must be complete: shallow clones refuse ----
scenario shallow
heidi_change shallow1
review ack "$CID" --by "$ALICE"
commit_all "governance: ack"
heidi_change shallow2
commit_all "more"
rm -rf "$WORK/shallow-clone"
git clone -q --depth 3 "file://$PWD" "$WORK/shallow-clone" >/dev/null 2>&1
cd "$WORK/shallow-clone" && {
    "$KR" check HEAD~2..HEAD >"$WORK/out.txt" 2>"$WORK/err.txt"
    rc=$?
    [ $rc -eq 1 ] && grep -q "history is incomplete (a shallow clone): git fetch --unshallow" "$WORK/err.txt"
    tap $? "check HEAD~2..HEAD in a shallow clone refuses (exit $rc)"
    "$KR" check --last-release >"$WORK/out.txt" 2>"$WORK/err.txt"
    rc=$?
    [ $rc -eq 1 ] && grep -q "history is incomplete" "$WORK/err.txt"
    tap $? "check --last-release in a shallow clone refuses (exit $rc)"
    "$KR" cut 1.1 >"$WORK/out.txt" 2>"$WORK/err.txt"
    rc=$?
    [ $rc -eq 1 ] && [ ! -e release/abi/1.1.json ] && grep -q "history is incomplete" "$WORK/err.txt"
    tap $? "cut in a shallow clone refuses and writes no baseline (exit $rc)"
}

# ---- entries a merge drops are reported as deleted ----
scenario merge-ours
heidi_change merge
review ack "$CID" --by "$ALICE"
commit_all "governance: ack"
git_quiet checkout -q -b side
review nack "$CID" --by "$BOB" --reason "not like this"
commit_all "governance: Bob's Nack"
git_quiet checkout -q main
git_quiet merge -q -s ours --no-edit side
grep -q '^Verdict: nack' "$(REC)" && { tap 1 "the merge kept the Nack (fixture broken)"; }
kcheck
rc=$?
[ $((rc & 32)) -ne 0 ] && grep -q "governance/changes/$CID: entry 2 deleted by commit $(git rev-parse --short=12 HEAD)" "$WORK/out.txt"
r=$?
[ $r -eq 0 ] || show
tap $r "git merge -s ours dropping a side branch's Nack: reported as deleted (exit $rc)"
scenario merge-ours-file
heidi_change mergef
git_quiet checkout -q -b side
review nack "$CID" --by "$BOB" --reason "not like this"
commit_all "governance: Bob's Nack, the record's first entry"
git_quiet checkout -q main
git_quiet merge -q -s ours --no-edit side
kcheck
rc=$?
[ $((rc & 32)) -ne 0 ] && grep -q "governance/changes/$CID: deleted by commit" "$WORK/out.txt"
tap $? "a merge dropping a whole record only a side branch had: reported as deleted (exit $rc)"

# ---- entries are signed by the person they name ----
scenario forged-withdraw
heidi_change withdraw
review nack "$CID" --by "$ALICE" --reason "not this way" && review ack "$CID" --by "$BOB"
commit_all "governance: opinions"
before=$(sha256sum <"$(REC)")
KEEL_SIGNING_KEY=$(key_of "$BOB") "$KR" review withdraw "$CID" --by "$ALICE" --reason "forged" \
    >/dev/null 2>"$WORK/err.txt"
rc=$?
[ $rc -eq 3 ] && grep -q "wrongly attributed" "$WORK/err.txt" && [ "$before" = "$(sha256sum <"$(REC)")" ]
r=$?
[ $r -eq 0 ] || sed 's/^/# /' "$WORK/err.txt"
tap $r "review withdraw --by Alice run by Bob (his key): refused, nothing written (exit $rc)"
KEEL_SIGNING_KEY=$(key_of "$MALLORY") "$KR" review withdraw "$CID" --by "$ALICE" --reason "forged" \
    >/dev/null 2>"$WORK/err.txt"
rc=$?
[ $rc -eq 3 ] && grep -q "which governance/allowed_signers does not list" "$WORK/err.txt"
tap $? "review withdraw --by Alice with a key nobody listed: refused (exit $rc)"
forge "$(REC)" "$CID" withdraw "$ALICE" "written by hand"
commit_all "governance: an unsigned withdrawal"
kcheck
rc=$?
[ $((rc & 32)) -ne 0 ] && grep -q "governance/changes/$CID:[0-9]*: entry 3: withdraw by $ALICE not counted: not signed" "$WORK/out.txt" &&
    grep -q "standing Nack by $ALICE" "$WORK/out.txt"
r=$?
[ $r -eq 0 ] || show
tap $r "check: an unsigned withdrawal is named (file:line, entry) and the Nack still stands (exit $rc)"
git_quiet reset -q --hard HEAD~1
SIGN_KEY=$(key_of "$BOB") forge "$(REC)" "$CID" withdraw "$ALICE" "signed by Bob"
commit_all "governance: a withdrawal signed by someone else"
kcheck
rc=$?
[ $((rc & 32)) -ne 0 ] && grep -q "entry 3: withdraw by $ALICE not counted: signed by the key of bob@example.org (governance/allowed_signers:2, SHA256:.*), not by alice@example.org: wrongly attributed" "$WORK/out.txt"
r=$?
[ $r -eq 0 ] || show
tap $r "check: a withdrawal signed with Bob's key as Alice is wrongly attributed (exit $rc)"
git_quiet reset -q --hard HEAD~1
forge "$(REC)" "$CID" withdraw "$ALICE" "a signature copied from entry 1"
python3 - "$(REC)" <<'PY2'
import sys
p = sys.argv[1]
st = open(p).read().rstrip("\n").split("\n\n")
sig = st[0][st[0].index("Signature: "):]
open(p, "w").write("\n\n".join(st[:-1] + [st[-1] + "\n" + sig.rstrip("\n")]) + "\n")
PY2
commit_all "governance: a copied signature"
kcheck
rc=$?
[ $((rc & 32)) -ne 0 ] && grep -q "entry 3: withdraw by $ALICE not counted: the signature does not verify" "$WORK/out.txt"
r=$?
[ $r -eq 0 ] || show
tap $r "check: Alice's signature copied from another entry does not verify (exit $rc)"
git_quiet reset -q --hard HEAD~1
review withdraw "$CID" --by "$ALICE" --reason "convinced"
commit_all "governance: Alice withdraws, signed"
kcheck
expect_rc 4 $? "check: the withdrawal Alice signed herself counts"
# The verified-signature cache (GITDIR/keel-release/signatures) now holds
# Alice's withdrawal. Her entry edited and every Chain recomputed, her
# signature kept: another message, so the cache does not answer for it.
[ -s .git/keel-release/signatures ]
tap $? "check left its verified signatures in .git/keel-release/signatures"
python3 - "$(REC)" "$CID" <<'PY2'
import hashlib, sys
p, cid = sys.argv[1:3]
t = open(p).read().replace("Reason: convinced", "Reason: convinced, and Bob may ack for me")
prev = hashlib.sha256(("keel-governance " + cid).encode()).hexdigest()
out = []
for st in t.rstrip("\n").split("\n\n"):
    text, rest = st.split("\nChain: ", 1)
    sig = rest.split("\n", 1)[1] if "\n" in rest else ""
    prev = hashlib.sha256((prev + "\n" + text + "\n").encode()).hexdigest()
    out.append(text + "\nChain: " + prev + ("\n" + sig if sig else ""))
open(p, "w").write("\n\n".join(out) + "\n")
PY2
commit_all "governance: Alice's withdrawal edited, chains recomputed"
kcheck
rc=$?
[ $((rc & 32)) -ne 0 ] && grep -q "entry 3: withdraw by $ALICE not counted: the signature does not verify" "$WORK/out.txt"
r=$?
[ $r -eq 0 ] || show
tap $r "check with a warm signature cache: an edited, rechained entry does not verify (exit $rc)"

# Records from before signing: unsigned history, not errors.
scenario history
heidi_change history
forge "$(REC)" "$CID" ack "$ALICE"
commit_all "governance: an Ack from before signatures"
printf 'signed_from = %s\n' "$(git rev-parse HEAD)" >>governance/policy
commit_all "policy: entries are signed from here"
kcheck
rc=$?
[ $rc -eq 4 ] && grep -q "note: governance/changes/$CID: entries 1..1 are unsigned history" "$WORK/out.txt"
r=$?
[ $r -eq 0 ] || show
tap $r "check: an entry recorded before signed_from is unsigned history, not an error (exit $rc)"
forge "$(REC)" "$CID" nack "$BOB" "unsigned, after signed_from"
commit_all "governance: an unsigned Nack after signed_from"
kcheck
rc=$?
[ $((rc & 32)) -ne 0 ] && grep -q "entry 2: nack by $BOB not counted: not signed" "$WORK/out.txt"
tap $? "check: an unsigned entry after signed_from is named (exit $rc)"

# ---- the rules govern themselves ----
# commit_as IDENT MESSAGE: everything staged, with a fresh Change-Id (RID).
commit_as() {
    RID=$(new_change_id)
    git add -A >/dev/null 2>&1
    git -c user.name="$(echo "$1" | sed 's/ <.*//')" -c user.email="$(echo "$1" | sed 's/.*<\(.*\)>/\1/')" \
        -c commit.gpgsign=false commit -q -m "$2

Change-Id: $RID" >/dev/null 2>&1
}
scenario promote
sed -i "0,/^M:	$ALICE\$/s//M:	$ALICE\nM:	$ERIN/" MAINTAINERS
commit_as "$ERIN" "MAINTAINERS: Erin maintains the public ABI"
heidi_change promote
review ack "$CID" --by "$ERIN"
commit_all "governance: Erin acks Heidi's change"
kcheck
rc=$?
[ $((rc & 32)) -ne 0 ] && grep -q "governance: changes the rules (MAINTAINERS): judged under the rules of its parent" "$WORK/out.txt" &&
    grep -q "governance: MAINTAINERS \[THE REST\]: Ack missing" "$WORK/out.txt"
r=$?
[ $r -eq 0 ] || show
tap $r "a MAINTAINERS change making oneself a maintainer needs THE REST's Ack (exit $rc)"
"$KR" review ack "$RID" --by "$ERIN" >/dev/null 2>"$WORK/err.txt"
expect_rc 3 $? "... and its author may not Ack it (a refusal)"
review ack "$RID" --by "$DAVE"
commit_all "governance: Dave acks the MAINTAINERS change"
kcheck
rc=$?
[ $rc -eq 4 ]
r=$?
[ $r -eq 0 ] || show
tap $r "with a referee's signed Ack the MAINTAINERS change, and Erin's Ack under it, count (exit $rc)"

scenario promote-self-signed
printf 'PUBLIC ABI EXTRA\nM:\t%s\nS:\tSupported\nF:\tpublic/\n\n' "$MALLORY" >MAINTAINERS.new
cat MAINTAINERS >>MAINTAINERS.new && mv MAINTAINERS.new MAINTAINERS
make_keys "$MALLORY" >>governance/allowed_signers
commit_as "$MALLORY" "MAINTAINERS: add Mallory, and her key"
KEEL_SIGNING_KEY=$(key_of "$MALLORY") "$KR" review ack "$RID" --by "$MALLORY" >/dev/null 2>&1
forge_rc=$?
SIGN_KEY=$(key_of "$MALLORY") forge "$(REC_OF "$RID")" "$RID" ack "$MALLORY"
commit_all "governance: Mallory's own Ack, by hand"
kcheck
rc=$?
[ $((rc & 32)) -ne 0 ] && grep -q "entry 1: ack by $MALLORY not counted: signed by key SHA256:.*, which governance/allowed_signers does not list" "$WORK/out.txt"
r=$?
[ $r -eq 0 ] || show
tap $r "a key added with the MAINTAINERS change does not count for that change (review exit $forge_rc, check exit $rc)"

scenario governed-after
heidi_change moved
printf 'governed_after = %s\n' "$(git rev-parse HEAD)" >>governance/policy
commit_all "policy: the rules start after Heidi's change"
kcheck
rc=$?
[ $((rc & 32)) -ne 0 ] && grep -q "no Change-Id: trailer on a change to the rules (governance/policy" "$WORK/out.txt"
r=$?
[ $r -eq 0 ] || show
tap $r "moving governed_after in a plain commit is a governed change: no Change-Id, the gate fails (exit $rc)"

scenario drop-signing
git_quiet commit -q --allow-empty -m "the commit before signing"
printf 'signed_from = %s\n' "$(git rev-parse HEAD)" >>governance/policy
commit_all "policy: signed governance from here"
BASE=$(git rev-parse HEAD~2)
kcheck
rc=$?
[ $rc -eq 0 ] && grep -q "not governed: starts signed governance" "$WORK/out.txt"
r=$?
[ $r -eq 0 ] || show
tap $r "the commit adding signed_from (naming its parent) starts signed governance (exit $rc)"
sed -i '/^signed_from/d' governance/policy
commit_all "policy: no more signatures"
kcheck
rc=$?
[ $((rc & 32)) -ne 0 ] && grep -q "no Change-Id: trailer" "$WORK/out.txt"
tap $? "removing signed_from in a plain commit is a governed change (exit $rc)"
git_quiet reset -q --hard HEAD~1
make_keys "$MALLORY" | sed 's/^mallory@example.org/alice@example.org/' >>governance/allowed_signers
commit_all "allowed_signers: another key for Alice"
kcheck
rc=$?
[ $((rc & 32)) -ne 0 ] && grep -q "no Change-Id: trailer on a change to the rules (governance/allowed_signers" "$WORK/out.txt"
tap $? "adding a key to allowed_signers in a plain commit is a governed change (exit $rc)"

# ---- trailers count only on a commit the named person signed ----
scenario trailer
sed -i 's/#endif/\/* @abi since=1.1 *\/\n#define XENVER_trailer 7\n#endif/' public/version.h
git add -A >/dev/null 2>&1
git -c user.name="Heidi Author" -c user.email=heidi@example.org -c gpg.format=ssh \
    -c user.signingkey="$(key_of "$HEIDI")" commit -S -q -m "version: XENVER_trailer

Change-Id: $(new_change_id)
Acked-by: $BOB" >/dev/null 2>&1
kcheck
rc=$?
[ $((rc & 32)) -ne 0 ] && grep -q "note: Acked-by: $BOB on the commit not counted: the commit is not signed with a key governance/allowed_signers lists for them" "$WORK/out.txt"
r=$?
[ $r -eq 0 ] || show
tap $r "the author writing Acked-by: Bob in her own (signed) commit: not counted (exit $rc)"
git_quiet reset -q --hard HEAD~1
sed -i 's/#endif/\/* @abi since=1.1 *\/\n#define XENVER_trailer 7\n#endif/' public/version.h
git add -A >/dev/null 2>&1
git -c user.name="Heidi Author" -c user.email=heidi@example.org -c commit.gpgsign=false \
    commit -q -m "version: XENVER_trailer

Change-Id: $(new_change_id)
Reviewed-by: $CAROL
Acked-by: $BOB" >/dev/null 2>&1
kcheck
rc=$?
[ $((rc & 32)) -ne 0 ] && grep -q "note: Reviewed-by: $CAROL on the commit not counted" "$WORK/out.txt"
tap $? "trailers on an unsigned commit: not counted (exit $rc)"

# ---- only ssh-ed25519 keys: other types are refused by name ----
scenario keytypes
heidi_change keytypes
ssh-keygen -q -t ecdsa -b 256 -N '' -C bob@example.org -f "$WORK/bob-ecdsa" >/dev/null &&
    ssh-keygen -q -t rsa -b 3072 -N '' -C bob@example.org -f "$WORK/bob-rsa" >/dev/null
tap $? "ssh-keygen made an ecdsa-sha2-nistp256 and an RSA key for Bob"
cp governance/allowed_signers "$WORK/signers.ed25519"
for t in ecdsa rsa; do
    cp "$WORK/signers.ed25519" governance/allowed_signers
    echo "bob@example.org namespaces=\"keel-governance,git\" $(cut -d' ' -f1,2 "$WORK/bob-$t.pub")" \
        >>governance/allowed_signers
    line=$(wc -l <governance/allowed_signers)
    type=$(cut -d' ' -f1 "$WORK/bob-$t.pub")
    commit_all "allowed_signers: Bob's $t key"
    kcheck
    rc=$?
    [ $rc -eq 1 ] && grep -q "governance/allowed_signers:$line: key type \"$type\" is not supported (only ssh-ed25519)" "$WORK/err.txt"
    r=$?
    [ $r -eq 0 ] || show
    tap $r "check: a $type key in allowed_signers is refused by name with file:line (exit $rc)"
    git_quiet reset -q --hard HEAD~1
done
# Signing an entry with such a key: review reads the signature ssh-keygen
# made and refuses it by its key type, writing nothing.
KEEL_SIGNING_KEY="$WORK/bob-ecdsa" "$KR" review ack "$CID" --by "$BOB" >/dev/null 2>"$WORK/err.txt"
rc=$?
[ $rc -eq 3 ] && grep -q 'key type "ecdsa-sha2-nistp256" is not supported (only ssh-ed25519)' "$WORK/err.txt" &&
    [ ! -e "$(REC)" ]
r=$?
[ $r -eq 0 ] || sed 's/^/# /' "$WORK/err.txt"
tap $r "review: an entry signed with an ecdsa key is refused by its key type, nothing written (exit $rc)"

# ---- the CLI a maintainer expects (issue 19 item 7) ----
scenario cli
for c in abi deprecations check cut maintainers review hooks; do
    out=$("$KR" "$c" --help 2>&1)
    rc=$?
    [ $rc -eq 0 ] && echo "$out" | grep -q "^  $c "
    tap $? "keel-release $c --help prints its usage (exit $rc)"
done
"$KR" --version >"$WORK/out.txt" 2>&1
rc=$?
[ $rc -eq 0 ] && grep -q '^keel-release ' "$WORK/out.txt"
tap $? "keel-release --version (exit $rc)"
heidi_change cli
kr_review ack "$CID" --by "$ALICE" --json >"$WORK/out.json" 2>"$WORK/err.txt"
rc=$?
python3 - "$WORK/out.json" "$CID" <<'PY2'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["change_id"] == sys.argv[2] and d["record"] == "governance/changes/" + sys.argv[2], d
a = d["appended"]
assert len(a) == 1 and a[0]["entry"] == 1 and a[0]["verdict"] == "ack" and a[0]["signed"], a
PY2
r=$?
[ $r -eq 0 ] && [ $rc -eq 0 ]
tap $? "review ack --json: the entry appended, as JSON (exit $rc)"
kr_review ack "$CID" --by "$ALICE" >/dev/null 2>&1
expect_rc 3 $? "a refused entry exits 3, not the tool error 1"
"$KR" maintainers --self-test --json >"$WORK/out.json" 2>"$WORK/err.txt"
rc=$?
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d["problems"] == [] and d["sections"] == 2 else 1)' "$WORK/out.json"
tap $? "maintainers --self-test --json (exit $rc)"
"$KR" maintainers --json public/version.h >"$WORK/out.json" 2>"$WORK/err.txt"
python3 - "$WORK/out.json" <<'PY2'
import json, sys
d = json.load(open(sys.argv[1]))[0]
assert len(d["ack_from"]) == len(set(d["ack_from"])) == 5, d["ack_from"]
PY2
tap $? "maintainers --json lists each name once (Alice is in PUBLIC ABI and THE REST)"
"$KR" hooks install --json >"$WORK/out.json" 2>"$WORK/err.txt"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d["installed"].endswith("commit-msg") else 1)' "$WORK/out.json"
tap $? "hooks install --json"

echo "# attacks done: $TESTNO assertions"
