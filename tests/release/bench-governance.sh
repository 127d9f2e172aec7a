#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# keel-release governance benchmarks (make bench). Prints figures; asserts nothing.
#  1. maintainers for a 40-file change against a generated MAINTAINERS of
#     30 000 lines (3 000 sections, 15 000 F: patterns);
#  2. check over a range of 100 public changes, each with a 5-entry signed
#     record (entries signed with ssh-keygen keys, verified by check);
#  3. review status of one change with a 40 000-entry record.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d)
[ -n "${KEEP:-}" ] && echo "# kept $T" || trap 'rm -rf "$T"' EXIT
. "$HERE/lib.sh"
. "$HERE/fixture-template.sh"
WORK=$T # keys.sh keeps the bench's SSH keys in $WORK/keys

now() { date +%s.%N; }
best_of() { # n command...: the best wall time of n runs, in seconds
    local n=$1 best=
    shift
    for _ in $(seq "$n"); do
        local s e
        s=$(now)
        "$@" >/dev/null 2>&1
        e=$(now)
        best=$(python3 -c "import sys; t=float(sys.argv[2])-float(sys.argv[1]); b=sys.argv[3]; print('%.4f' % (t if not b or t < float(b) else float(b)))" "$s" "$e" "$best")
    done
    echo "$best"
}

# ---- 1. maintainers on a 30 000-line file ----
python3 - "$T/MAINTAINERS" "$T/files" <<'PY'
import random, sys
random.seed(6)
out, files = [], []
for s in range(3000):
    area = "drivers/area%d" % s
    out += ["AREA %d" % s, "M:\tArea %d maintainers <area%d@example.org>" % (s, s),
            "R:\tArea %d reviewers <rev%d@example.org>" % (s, s), "S:\tMaintained"]
    out += ["F:\t%s/" % area, "F:\tinclude/area%d/*.h" % s, "F:\tdocs/area%d.rst" % s,
            "F:\ttools/area%d/*" % s, "F:\tarch/*/area%d/" % s]
    out.append("")
out[-1:] = ["", "THE REST", "M:\tEveryone <all@example.org>", "S:\tSupported", "F:\t*", "F:\t*/", ""]
open(sys.argv[1], "w").write("\n".join(out))
for i in range(40):
    s = random.randrange(3000)
    files.append(random.choice(["drivers/area%d/core/x%d.c" % (s, i), "include/area%d/api.h" % s,
                                "arch/arm64/area%d/irq.c" % s, "README%d" % i]))
open(sys.argv[2], "w").write("\n".join(files) + "\n")
PY
lines=$(wc -l <"$T/MAINTAINERS")
pats=$(grep -c '^F:' "$T/MAINTAINERS")
mapfile -t FILES <"$T/files"
t=$(cd "$T" && best_of 5 "$KR" maintainers --file "$T/MAINTAINERS" "${FILES[@]}")
t0=$(best_of 5 "$KR" help)
echo "bench-release: maintainers, 40 files against $lines lines / $pats F: patterns: ${t} s (target < 0.05 s; of which starting keel-release, libclang's relocations included: ${t0} s)"

# ---- 2. check over 100 public changes with 5 record entries each ----
make_template "$T/repo" >/dev/null 2>&1 || { echo "bench-release: fixture failed"; exit 0; }
cd "$T/repo" || exit 0
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
make_keys "Alice <alice@example.org>" "Bob <bob@example.org>" "Carol <carol@example.org>" \
    "Dave <dave@example.org>" "Erin <erin@example.org>" >governance/allowed_signers
commit_all "bench: maintainers"
BASE=$(git rev-parse HEAD)
ids=()
for i in $(seq 1 100); do
    id=$(new_change_id)
    ids+=("$id")
    sed -i "s|#endif|/* @abi since=1.1 */\n#define XENVER_bench_$i $((100 + i))\n#endif|" public/version.h
    git_quiet add -A
    git_quiet commit -q -m "version: bench item $i

Change-Id: $id"
done
s=$(now)
for id in "${ids[@]}"; do
    kr_review nack "$id" --by "Alice <alice@example.org>" --reason "naming" >/dev/null &&
        kr_review review "$id" --by "Dave <dave@example.org>" >/dev/null &&
        kr_review withdraw "$id" --by "Alice <alice@example.org>" >/dev/null &&
        kr_review review "$id" --by "Erin <erin@example.org>" >/dev/null &&
        kr_review ack "$id" --by "Bob <bob@example.org>" >/dev/null || echo "bench-release: review failed"
done
e=$(now)
commit_all "bench: records"
per=$(python3 -c "import sys; print('%.1f' % ((float(sys.argv[2]) - float(sys.argv[1])) * 1000 / 500))" "$s" "$e")
# Cold: no ABI stored yet under .git/keel-release, every public/ tree parsed.
rm -rf .git/keel-release
s=$(now)
"$KR" check "$BASE..HEAD" >/dev/null 2>&1
e=$(now)
cold=$(python3 -c "import sys; print('%.4f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$s" "$e")
t=$(best_of 3 "$KR" check "$BASE..HEAD")
rc=$("$KR" check "$BASE..HEAD" >/dev/null 2>&1; echo $?)
echo "bench-release: review, 500 entries appended one by one: ${per} ms per entry"
echo "bench-release: check over 100 public changes with 5 record entries each: ${t} s with the ABI store, ${cold} s cold (exit $rc; target < 1 s)"

# ---- 3. review status of a 40 000-entry record ----
# 20 000 nack/withdraw rounds, written directly and made unsigned history
# (signed_from): ssh-keygen would take minutes to sign them all.
id=${ids[0]}
python3 - "governance/changes/$id" "$id" <<'PY'
import hashlib, sys
p, cid = sys.argv[1:3]
prev = hashlib.sha256(("keel-governance " + cid).encode()).hexdigest()
out = []
for n in range(1, 40001):
    text = ("Entry: %d\nVerdict: %s\nBy: Carol <carol@example.org>\nRole: maintainer\n"
            "Date: 2026-12-01T00:00:00Z\nReason: round %d\n" % (n, "nack" if n % 2 else "withdraw", n))
    prev = hashlib.sha256((prev + "\n" + text).encode()).hexdigest()
    out.append(text + "Chain: " + prev + "\n")
open(p, "w").write("\n".join(out))
PY
git_quiet add -A && git_quiet commit -q -m "bench: a 40 000-entry record"
printf 'signed_from = %s\n' "$(git rev-parse HEAD)" >>governance/policy
t=$(best_of 3 "$KR" review status "$id")
echo "bench-release: review status of a 40 000-entry record: ${t} s (target < 0.2 s)"
