#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# keel-release governance (issue 6) against scripted fixture repositories:
# the seed scenario end to end (a change to public/version.h, two Nacks and
# an Ack, a referral, THE REST minus the three involved voting, the decision,
# check flipping from blocked to passing, a forged Ack detected), every
# refused entry, tampered records, concurrent reviews, Change-Id hooks and
# MAINTAINERS --self-test. Hooks are only ever installed in these fixtures.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
. "$HERE/fixture-template.sh"
. "$HERE/keys.sh"
WORK=${WORK:-$(mktemp -d)}
[ -n "${KEEP:-}" ] || trap 'rm -rf "$WORK"' EXIT


make_template "$WORK/template0" || { tap 1 "governance fixture template"; exit 1; }
rm -rf "$WORK/template"
cp -a "$WORK/template0" "$WORK/template"
(
    cd "$WORK/template" || exit 1
    cat >MAINTAINERS <<M
PUBLIC ABI
M:	$ALICE
M:	$BOB
M:	$CAROL
R:	$HEIDI
S:	Supported
F:	public/
X:	public/arch-x86.h

ARM
M:	$IVAN
S:	Supported
F:	public/arch-arm.h
F:	xen/

THE REST
M:	$ALICE
M:	$BOB
M:	$CAROL
M:	$DAVE
M:	$ERIN
M:	$FRANK
M:	$GRACE
S:	Supported
F:	*
F:	*/
M
    printf 'referee_quorum = 3\n' >>governance/policy
    make_keys "$ALICE" "$BOB" "$CAROL" "$DAVE" "$ERIN" "$FRANK" "$GRACE" "$HEIDI" "$IVAN" \
        >governance/allowed_signers || exit 1
    commit_all "fixture: maintainers and their keys"
)
tap $? "governance template: MAINTAINERS with three ABI maintainers and seven referees, their SSH keys"

# Commits as Heidi through the commit-msg hook; sets CID to the change's id.
commit_as_heidi() { # message
    git add -A >/dev/null 2>&1
    git -c user.name="Heidi Author" -c user.email=heidi@example.org -c commit.gpgsign=false \
        commit -q -m "$1" >/dev/null 2>&1
    CID=$(git log -1 --format='%(trailers:key=Change-Id,valueonly)' | head -n 1)
}

# The seed change: version_op added, the legacy string sub-op deprecated.
seed_change() {
    "$KR" hooks install >/dev/null 2>&1 || return 1
    python3 - <<'PY'
p = "public/version.h"
t = open(p).read()
t = t.replace("/* @abi since=1.0 */\n#define XENVER_plain 2",
              "/* @abi since=1.0 deprecated=1.1 replacement=VERSION_string */\n#define XENVER_plain 2")
t = t.replace("#endif", "/* @abi since=1.1 */\n#define __HYPERVISOR_version_op 43\n"
              "/* @abi since=1.1 */\n#define VERSION_string 0\n#endif")
open(p, "w").write(t)
PY
    commit_as_heidi "version: add version_op, deprecate the legacy string sub-op"
}

gcheck() { # expected-rc description
    "$KR" check "$BASE..HEAD" >"$WORK/check.txt" 2>&1
    local rc=$?
    expect_rc "$1" $rc "$2"
    [ "$rc" -eq "$1" ] || sed 's/^/# /' "$WORK/check.txt"
}

REC() { echo "governance/changes/$CID"; }

# refused VERB BY RULE-TEXT DESCRIPTION [--reason R]: exit 3, the rule named,
# and the record byte for byte unchanged.
refused() {
    local verb=$1 by=$2 rule=$3 desc=$4
    shift 4
    local before after
    before=$(cat "$(REC)" 2>/dev/null | sha256sum)
    kr_review "$verb" "$CID" --by "$by" "$@" >/dev/null 2>"$WORK/refused.err"
    local rc=$?
    after=$(cat "$(REC)" 2>/dev/null | sha256sum)
    if [ $rc -eq 3 ] && grep -q -- "$rule" "$WORK/refused.err" && [ "$before" = "$after" ]; then
        tap 0 "refused: $desc"
    else
        tap 1 "refused: $desc (exit $rc, record changed: $([ "$before" = "$after" ] && echo no || echo yes))"
        sed 's/^/# /' "$WORK/refused.err"
    fi
}

review() { kr_review "$@" >/dev/null 2>"$WORK/review.err" || { sed 's/^/# /' "$WORK/review.err"; return 1; }; }

# ---- hooks install (fixture repository only) ----
scenario seed
"$KR" hooks install >/dev/null 2>&1
expect_rc 0 $? "hooks install in a fixture repository"
[ -x .git/hooks/commit-msg ]
tap $? "hooks install wrote an executable .git/hooks/commit-msg"
seed_change
[[ "$CID" =~ ^I[0-9a-f]{40}$ ]]
tap $? "the commit-msg hook added a Change-Id trailer ($CID)"
git commit -q --amend --no-edit >/dev/null 2>&1
[ "$(git log -1 --format='%(trailers:key=Change-Id,valueonly)' | head -n 1)" = "$CID" ] &&
    [ "$(git log -1 --format='%(trailers:key=Change-Id)' | grep -c .)" -eq 1 ]
tap $? "the hook keeps an existing Change-Id (amend adds no second one)"
printf '#!/bin/sh\nexit 0\n' >.git/hooks/commit-msg
"$KR" hooks install >/dev/null 2>&1
rc=$?
grep -q 'exit 0' .git/hooks/commit-msg
expect_rc 3 $rc "hooks install refuses to replace a different hook"
tap $? "the other hook is left as it was"
"$KR" hooks install --force >/dev/null 2>&1 && grep -q 'Change-Id' .git/hooks/commit-msg
tap $? "hooks install --force replaces it"

mkdir -p "$WORK/hp" && git init -q "$WORK/hp/repo" && (cd "$WORK/hp/repo" && git config core.hooksPath .githooks &&
    "$KR" hooks install >/dev/null 2>&1 && [ -x .githooks/commit-msg ] && [ ! -e .git/hooks/commit-msg ])
tap $? "hooks install follows core.hooksPath"

# ---- the seed scenario ----
gcheck 36 "no Ack yet: compatible change, governance not satisfied"
grep -q "governance: public/version.h \[PUBLIC ABI, THE REST\]: Ack missing" "$WORK/check.txt"
tap $? "check names the file whose Ack is missing and its sections"

refused ack "$MALLORY" "only people listed in MAINTAINERS" "an entry by someone not in MAINTAINERS"
refused ack "$HEIDI" "the author may not Ack" "an Ack by the author"
refused ack "$IVAN" "must come from a maintainer (M:) of a section covering" \
    "an Ack by a maintainer of another area"
refused nack "$ALICE" "a Nack needs a reason" "a Nack without a reason"
refused ack "Alice <alice at example.org>" "malformed identity" "a malformed identity"
refused vote-accept "$DAVE" "no referral to vote on" "a vote before a referral"
refused refer "$CAROL" "nothing to referee" "a referral with no Nack"
[ ! -e "$(REC)" ]
tap $? "refused entries wrote no record file"

review nack "$CID" --by "$ALICE" --reason "Prefer a sub-op of xen_version over a new hypercall" &&
    review nack "$CID" --by "$BOB" --reason "Keep the string sub-ops until 1.3, no replacement yet" &&
    review ack "$CID" --by "$CAROL"
tap $? "two Nacks (different options) and one Ack recorded"
refused ack "$CAROL" "already acked" "a second Ack by the same maintainer"
refused ack "$ALICE" "standing Nack" "an Ack over one's own standing Nack"
commit_all "governance: first opinions on $CID"
gcheck 36 "standing Nacks block the change"
grep -q "governance: standing Nack by $ALICE (entry 1)" "$WORK/check.txt" &&
    grep -q "acked by $CAROL" "$WORK/check.txt"
tap $? "check lists the standing Nacks and the Ack"

review refer "$CID" --by "$CAROL" --reason "The maintainers disagree on the interface"
tap $? "referral to THE REST"
refused refer "$ALICE" "already referred" "a second referral"
refused vote-accept "$ALICE" "nacked this change" "a vote by a nacker"
refused vote-accept "$CAROL" "acked this change" "a vote by an acker"
refused vote-accept "$HEIDI" "are referees" "a vote by the author (not in THE REST)"
refused vote-reject "$IVAN" "are referees" "a vote by a maintainer outside THE REST"
kr_review status "$CID" --json >"$WORK/status.json"
python3 - "$WORK/status.json" "$DAVE" "$ERIN" "$FRANK" "$GRACE" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["eligible_referees"] == sys.argv[2:], d["eligible_referees"]
assert d["referral"] == "open" and d["majority"] == 3 and not d["may_go_in"]
PY
tap $? "eligible referees: THE REST minus the author, the acker and the nackers (4, majority 3)"

review vote-accept "$CID" --by "$DAVE"
refused vote-reject "$DAVE" "already voted" "a second vote by the same referee"
review vote-reject "$CID" --by "$GRACE" --reason "wait for 1.3" && review vote-accept "$CID" --by "$ERIN"
tap $? "votes: 2 accept, 1 reject (no majority of 4 yet)"
! grep -q '^Verdict: decision' "$(REC)"
tap $? "no decision while no strict majority"
review vote-accept "$CID" --by "$FRANK"
grep -q '^Outcome: accepted' "$(REC)" && [ "$(grep -c '^Verdict: decision' "$(REC)")" -eq 1 ]
tap $? "the third accept (3 of 4) records the decision: accepted"
refused vote-accept "$GRACE" "already decided" "a vote after the decision"
kr_review status "$CID" >"$WORK/status.txt"
expect_rc 0 $? "review status: the change may go in"
grep -q "overridden by the referees" "$WORK/status.txt"
tap $? "the decision overrides the Nacks it answers"
commit_all "governance: referee decision on $CID"
gcheck 4 "check flips from blocked to passing once the decision is committed"
"$KR" check --json "$BASE..HEAD" >"$WORK/check.json"
python3 - "$WORK/check.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
g = [c["governance"] for c in d["changes"] if "governance" in c][0]
assert g["decision"] == "accepted" and g["may_go_in"] and not g["standing_nacks"]
assert len(g["overridden_nacks"]) == 2 and g["files"][0]["acked_by"] == ["Carol Maintainer <carol@example.org>"]
PY
tap $? "check --json: decision, overridden Nacks, acks per file"
git tag seed-done

# Every entry carries who, role, UTC time, verdict and chain.
python3 - "$(REC)" <<'PY'
import re, sys
stanzas = open(sys.argv[1]).read().split("\n\n")
assert len(stanzas) == 9, len(stanzas)
for i, s in enumerate(stanzas, 1):
    f = dict(l.split(": ", 1) for l in s.strip().split("\n") if not l.startswith(" "))
    assert f["Entry"] == str(i) and re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", f["Date"])
    assert f["Role"] and f["By"] and f["Verdict"] and re.match("[0-9a-f]{64}$", f["Chain"])
    # Every entry but the computed decision is signed by its By:.
    assert (f["Verdict"] == "decision") == ("Signature" not in f), f
    if "Signature" in f:
        assert f["Signature"] == "-----BEGIN SSH SIGNATURE-----" and " -----END SSH SIGNATURE-----" in s
PY
tap $? "record: 9 entries with Entry, Verdict, By, Role, UTC Date, Chain and Signature"

# ---- tampering ----
# A forged extra Ack inserted by editing the file (renumbered to look tidy).
python3 - "$(REC)" <<'PY'
import sys
p = sys.argv[1]
st = open(p).read().split("\n\n")
forged = st[2].replace("Carol Maintainer <carol@example.org>", "Bob Maintainer <bob@example.org>")
st.insert(3, forged)
out = []
for i, s in enumerate(st, 1):
    lines = s.strip().split("\n")
    lines[0] = "Entry: %d" % i
    out.append("\n".join(lines))
open(p, "w").write("\n\n".join(out) + "\n")
PY
commit_all "forge an Ack"
gcheck 36 "a forged Ack inserted into the record is found"
grep -q "record problem: governance/changes/$CID:[0-9]*: entry 4: Chain does not match" "$WORK/check.txt" &&
    grep -q "entry 4 changed by commit" "$WORK/check.txt"
tap $? "check names the file and entry 4 (chain) and the commit that changed it"

git_quiet reset -q --hard seed-done
sed -i '0,/^Reason: Prefer/s//Reason: Fine by me, prefer/' "$(REC)"
commit_all "edit a reason"
gcheck 36 "an edited entry is found"
grep -q "governance/changes/$CID:[0-9]*: entry 1: Chain does not match" "$WORK/check.txt"
tap $? "the edited entry is named: entry 1"

git_quiet reset -q --hard seed-done
python3 - "$(REC)" <<'PY'
import sys
p = sys.argv[1]
st = open(p).read().rstrip("\n").split("\n\n")
st[1], st[2] = st[2], st[1]
open(p, "w").write("\n\n".join(st) + "\n")
PY
commit_all "reorder two entries"
gcheck 36 "reordered entries are found"
grep -q "entry 2: numbered \"3\"" "$WORK/check.txt"
tap $? "the reordering is named: entry 2"

git_quiet reset -q --hard seed-done
python3 - "$(REC)" <<'PY'
import sys
p = sys.argv[1]
st = open(p).read().rstrip("\n").split("\n\n")
open(p, "w").write("\n\n".join(st[:-1]) + "\n")
PY
commit_all "delete the decision"
gcheck 36 "a deleted last entry (the decision) is found"
grep -q "entry 9 deleted by commit" "$WORK/check.txt" && grep -q "no decision entry follows" "$WORK/check.txt"
r=$?
[ $r -eq 0 ] || sed 's/^/# /' "$WORK/check.txt"
tap $r "the deletion is named: entry 9, and the votes lack their decision"

git_quiet reset -q --hard seed-done
sed -i '0,/^Chain: .*/s//Chain: 0000000000000000000000000000000000000000000000000000000000000000/' "$(REC)"
kr_review ack "$CID" --by "$GRACE" >/dev/null 2>"$WORK/err.txt"
expect_rc 3 $? "review refuses to append to a damaged record"
grep -q "entry 1: Chain does not match" "$WORK/err.txt"
tap $? "... naming the damaged entry"
git_quiet checkout -q -- .

# ---- Acked-by trailers, missing Change-Id ----
scenario trailers
sed -i 's/#endif/\/* @abi since=1.1 *\/\n#define XENVER_trailer 7\n#endif/' public/version.h
git_quiet add -A
# Bob applies Heidi's patch with his Ack and signs the commit with his key.
git -c user.name="Heidi Author" -c user.email=heidi@example.org -c gpg.format=ssh \
    -c user.signingkey="$(key_of "$BOB")" commit -S -q -m "version: XENVER_trailer

Change-Id: $(new_change_id)
Acked-by: $BOB" >/dev/null 2>&1
gcheck 4 "an Acked-by: trailer on a commit its maintainer signed counts as the Ack"
sed -i 's/#endif/\/* @abi since=1.1 *\/\n#define XENVER_selfack 8\n#endif/' public/version.h
git_quiet add -A
git -c user.name="Heidi Author" -c user.email=heidi@example.org -c gpg.format=ssh \
    -c user.signingkey="$(key_of "$HEIDI")" commit -S -q -m "version: XENVER_selfack

Change-Id: $(new_change_id)
Acked-by: $HEIDI" >/dev/null 2>&1
gcheck 36 "an Acked-by: trailer by the author does not count"
grep -q "Acked-by: $HEIDI on the commit not counted: the author may not Ack" "$WORK/check.txt"
tap $? "... and check says why"
git_quiet reset -q --hard HEAD~1
sed -i 's/#endif/\/* @abi since=1.1 *\/\n#define XENVER_noid 9\n#endif/' public/version.h
git_quiet add -A && git_quiet commit -q -m "version: no Change-Id"
gcheck 36 "a public change without a Change-Id"
grep -q "no Change-Id: trailer on a change to public/" "$WORK/check.txt"
tap $? "... is named as such"
git_quiet reset -q --hard HEAD~1
sed -i 's/#endif/\/* @abi since=1.1 *\/\n#define XENVER_badid 9\n#endif/' public/version.h
git_quiet add -A && git_quiet commit -q -m "version: bad id

Change-Id: I12345"
gcheck 36 "a malformed Change-Id"
git_quiet reset -q --hard HEAD~1
git_quiet commit -q --allow-empty -m "policy: govern from here"
sed -i 's/#endif/\/* @abi since=1.1 *\/\n#define XENVER_old 10\n#endif/' public/version.h
git_quiet add -A && git_quiet commit -q -m "version: before the rules"
OLD=$(git rev-parse HEAD)
printf 'governed_after = %s\n' "$OLD" >>governance/policy
# Moving governed_after is a change to the rules: a Change-Id and THE REST's Ack.
RID=$(new_change_id)
git_quiet add -A && git_quiet commit -q -m "policy: the rules start after $OLD

Change-Id: $RID"
review ack "$RID" --by "$DAVE" && commit_all "governance: Dave acks moving governed_after"
gcheck 4 "governed_after: the commit it names (and its ancestors) predate the rules"
grep -q "not governed: predates the rules" "$WORK/check.txt"
tap $? "... and check says so"
sed -i 's/#endif/\/* @abi since=1.1 *\/\n#define XENVER_new_rules 11\n#endif/' public/version.h
git_quiet add -A && git_quiet commit -q -m "version: after the rules"
gcheck 36 "governed_after: a later change is governed"

# ---- a tie and a missing quorum keep the change out ----
scenario tie
seed_change
review nack "$CID" --by "$ALICE" --reason "no" && review ack "$CID" --by "$CAROL" &&
    review refer "$CID" --by "$CAROL" && review vote-accept "$CID" --by "$DAVE" &&
    review vote-accept "$CID" --by "$ERIN" && review vote-reject "$CID" --by "$FRANK" &&
    review vote-reject "$CID" --by "$GRACE"
tap $? "a referral: 2 accept, 2 reject, with Bob still eligible"
! grep -q '^Verdict: decision' "$(REC)"
tap $? "2-2 of 5 eligible: no decision yet"
review vote-reject "$CID" --by "$BOB"
grep -q '^Outcome: rejected' "$(REC)"
tap $? "the fifth referee decides: rejected (3 of 5)"
commit_all "governance: rejected"
gcheck 36 "a rejected change stays out"

scenario tie4
seed_change
review nack "$CID" --by "$ALICE" --reason "no" && review nack "$CID" --by "$BOB" --reason "no" &&
    review ack "$CID" --by "$CAROL" && review refer "$CID" --by "$CAROL" &&
    review vote-accept "$CID" --by "$DAVE" && review vote-accept "$CID" --by "$ERIN" &&
    review vote-reject "$CID" --by "$FRANK" && review vote-reject "$CID" --by "$GRACE"
tap $? "four eligible referees vote 2-2"
grep -q '^Outcome: tie' "$(REC)"
tap $? "a tie is recorded as the decision"
commit_all "governance: tie"
gcheck 36 "a tie keeps the change out"

scenario quorum
sed -i 's/referee_quorum = 3/referee_quorum = 5/' governance/policy
commit_all "policy: quorum of 5"
seed_change
review nack "$CID" --by "$ALICE" --reason "no" && review nack "$CID" --by "$BOB" --reason "no" &&
    review ack "$CID" --by "$CAROL" && review refer "$CID" --by "$CAROL" &&
    review vote-accept "$CID" --by "$DAVE" && review vote-accept "$CID" --by "$ERIN" &&
    review vote-accept "$CID" --by "$FRANK" && review vote-accept "$CID" --by "$GRACE"
tap $? "four eligible referees, a quorum of five: every vote accepted"
commit_all "governance: votes without quorum"
! grep -q '^Verdict: decision' "$(REC)"
tap $? "no decision without a quorum, even unanimous"
gcheck 36 "a missing quorum keeps the change out"
grep -q "referral without a quorum: 4 eligible referee(s), the policy needs 5" "$WORK/check.txt"
tap $? "... and check says so"

# ---- withdrawal ----
scenario withdraw
seed_change
review nack "$CID" --by "$ALICE" --reason "typo in the name" && review ack "$CID" --by "$BOB"
refused withdraw "$BOB" "no standing Nack to withdraw" "withdrawing a Nack one does not have"
review withdraw "$CID" --by "$ALICE" --reason "fixed"
tap $? "a Nack withdrawn by its author"
commit_all "governance: withdrawn"
gcheck 4 "with the Nack withdrawn and an Ack, the change passes"

# ---- concurrent reviews: every entry lands ----
scenario concurrent
seed_change
pids=()
for who in "$ALICE" "$BOB" "$CAROL" "$DAVE" "$ERIN" "$FRANK" "$GRACE"; do
    KEEL_RELEASE_TEST_DELAY_MS=150 kr_review review "$CID" --by "$who" >/dev/null 2>&1 &
    pids+=($!)
done
ok=0
for p in "${pids[@]}"; do wait "$p" || ok=1; done
tap $ok "seven review commands at once all succeed"
kr_review status "$CID" --json >"$WORK/c.json"
[ "$(grep -c '^Verdict: review' "$(REC)")" -eq 7 ] &&
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(1 if d["problems"] else 0)' "$WORK/c.json"
tap $? "all seven entries landed, numbered and chained (none lost)"
[ -z "$(ls -A governance/changes | grep -v "^$CID\$")" ]
tap $? "no temporary or lock file left behind"

# ---- bad command lines ----
kr_review frobnicate "$CID" --by "$ALICE" >/dev/null 2>&1
expect_rc 2 $? "an unknown verb is a usage error"
kr_review ack I123 --by "$ALICE" >/dev/null 2>&1
expect_rc 2 $? "a malformed Change-Id is a usage error"
kr_review ack "$CID" >/dev/null 2>&1
expect_rc 2 $? "review without --by is a usage error"
kr_review ack "I$(printf '%040d' 7)" --by "$ALICE" >/dev/null 2>"$WORK/err.txt"
expect_rc 1 $? "a Change-Id no commit carries"

# ---- bad policy values: file:line, exit 1 ----
scenario bad-policy
sed -i 's/^referee_quorum = 3$/referee_quorum = none/' governance/policy
commit_all "policy: bad quorum"
"$KR" check "$BASE..HEAD" >/dev/null 2>"$WORK/err.txt"
expect_rc 1 $? "a referee_quorum that is not a number"
grep -q '^keel-release: governance/policy ([0-9a-f]*):3: referee_quorum = none is not a number' "$WORK/err.txt"
tap $? "... is named with file:line"
sed -i 's/^referee_quorum = none$/governed_after = 0123456789012345678901234567890123456789/' governance/policy
commit_all "policy: governed_after naming nothing"
"$KR" check "$BASE..HEAD" >/dev/null 2>"$WORK/err.txt"
expect_rc 1 $? "a governed_after that names no commit"
grep -q 'governance/policy ([0-9a-f]*):3: governed_after = 0123456789012345678901234567890123456789 names no commit' "$WORK/err.txt"
tap $? "... is named with file:line"
sed -i 's/^governed_after = .*$/referee_quorum = 3/' governance/policy
commit_all "policy: fixed"
seed_change
mkdir -p governance/changes
printf 'Entry: 1\nVerdict ack\n' >"governance/changes/$CID"
before=$(sha256sum <"governance/changes/$CID")
kr_review ack "$CID" --by "$CAROL" >/dev/null 2>"$WORK/err.txt"
expect_rc 3 $? "review refuses a record with a syntax error"
grep -q "governance/changes/$CID:2: want \"Key: value\"" "$WORK/err.txt" &&
    [ "$before" = "$(sha256sum <"governance/changes/$CID")" ]
tap $? "... names file:line and writes nothing"

# ---- MAINTAINERS: lookups and --self-test ----
scenario maint
"$KR" maintainers --json public/version.h public/arch-x86.h public/arch-arm.h xen/common/version.c >"$WORK/m.json"
python3 - "$WORK/m.json" <<'PY'
import json, sys
d = {f["file"]: [s["section"] for s in f["sections"]] for f in json.load(open(sys.argv[1]))}
assert d["public/version.h"] == ["PUBLIC ABI", "THE REST"], d
assert d["public/arch-x86.h"] == ["THE REST"], d           # X: before F:
assert d["public/arch-arm.h"] == ["ARM", "PUBLIC ABI", "THE REST"], d  # exact file first
assert d["xen/common/version.c"] == ["ARM", "THE REST"], d  # xen/ is recursive
PY
tap $? "maintainers --json: most specific first, X: before F:, recursive and exact patterns"

"$KR" maintainers --self-test >/dev/null 2>"$WORK/st.err"
expect_rc 0 $? "maintainers --self-test passes on the fixture MAINTAINERS"
cat >MAINTAINERS <<'M'
Preamble text is allowed before the first section.

PUBLIC ABI
M:	Alice Maintainer <alice@example.org>
M:	Alice Maintainer <alice@example.org>
Q:	what is this
S:	Supported
F:	public/
F:	public/

NO MAINTAINER
R:	Bob <bob@example.org>
S:	Supported
F:	nothing/here/

BAD ADDRESS
M:	Carol at example.org
S:	Sometimes
F:	public/*.h

PUBLIC ABI
M:	Dave <dave@example.org>
F:	xen/

THE REST
M:	Alice Maintainer <alice@example.org>
F:	*
M
"$KR" maintainers --self-test >/dev/null 2>"$WORK/st.err"
expect_rc 1 $? "maintainers --self-test fails on a bad file"
for want in "MAINTAINERS:5: M: alice@example.org listed twice" \
    'MAINTAINERS:6: unknown tag "Q:"' \
    'MAINTAINERS:9: F: "public/" listed twice' \
    'MAINTAINERS:11: section "NO MAINTAINER" has no M:' \
    'MAINTAINERS:14: F: "nothing/here/" matches no file' \
    'MAINTAINERS:17: M: malformed address "Carol at example.org"' \
    'MAINTAINERS:18: S: unknown status "Sometimes"' \
    'MAINTAINERS:21: section "PUBLIC ABI" given twice (first at line 3)' \
    'MAINTAINERS:25: THE REST must cover every file'; do
    grep -qF "$want" "$WORK/st.err"
    tap $? "self-test reports: $want"
done
"$KR" maintainers public/version.h >/dev/null 2>"$WORK/err.txt"
expect_rc 1 $? "a lookup refuses a bad MAINTAINERS"
[ "$(wc -l <"$WORK/err.txt")" -eq 1 ] && grep -q '^keel-release: MAINTAINERS:5:' "$WORK/err.txt"
tap $? "... with one line naming the first problem's file:line"

echo "# governance done: $TESTNO assertions"
