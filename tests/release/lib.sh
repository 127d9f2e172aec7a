# SPDX-License-Identifier: GPL-2.0-only
#
# Helpers shared by the keel-release test scripts: TAP-like assertions and
# fixture git repositories in a temporary directory.

KR=${KR:-$PWD/out/tools/keel-release}
TESTNO=${TESTNO:-0}

tap() { # status description
    TESTNO=$((TESTNO + 1))
    if [ "$1" -eq 0 ]; then
        echo "ok $TESTNO - $2"
    else
        echo "not ok $TESTNO - $2"
    fi
}

expect_rc() { # expected actual description
    if [ "$1" -eq "$2" ]; then tap 0 "$3 (exit $2)"; else tap 1 "$3 (exit $2, want $1)"; fi
}

git_quiet() {
    git -c user.name=Fixture -c user.email=fixture@example.org -c commit.gpgsign=false \
        -c init.defaultBranch=main "$@" >/dev/null 2>&1
}

# With ACK_AS="Name <email>" set, every commit carries a fresh Change-Id and
# that maintainer's Acked-by: trailer, so that scenarios about the ABI rules
# pass the governance gate the way a real acked change does.
# A trailer counts only on a commit the acker signed (issue 19): when the
# acker has a fixture key ($WORK/keys, keys.sh), the commit is signed with it.
commit_all() { # message
    local msg=$1 key sign=()
    if [ -n "${ACK_AS:-}" ]; then
        msg="$msg

Change-Id: $(new_change_id)
Acked-by: $ACK_AS"
        key="${WORK:-/nonexistent}/keys/$(echo "$ACK_AS" | sed 's/.*<\(.*\)>.*/\1/')"
        [ -f "$key" ] && sign=(-c gpg.format=ssh -c user.signingkey="$key" -c commit.gpgsign=true)
    fi
    git_quiet add -A && git_quiet "${sign[@]}" commit -q -m "$msg"
}

new_change_id() {
    echo "I$(head -c 32 /dev/urandom | sha1sum | cut -c1-40)"
}

# JSON queries go through python3 (in scripts/packages.list) to keep the shell simple.
json_has_change() { # file class name [member]
    python3 - "$@" <<'PY'
import json, sys
path, cls, name = sys.argv[1:4]
member = sys.argv[4] if len(sys.argv) > 4 else None
doc = json.load(open(path))
changes = doc.get("changes", [])
found = []
for ch in changes:
    found += ch.get("abi_changes", [ch])
ok = any(c.get("class") == cls and c.get("name") == name and
         (member is None or c.get("member") == member) for c in found)
sys.exit(0 if ok else 1)
PY
}

json_has_violation() { # file rule name
    python3 - "$@" <<'PY'
import json, sys
path, rule, name = sys.argv[1:4]
doc = json.load(open(path))
vs = doc.get("violations", [])
for ch in doc.get("changes", []):
    vs += ch.get("violations", [])
sys.exit(0 if any(v["rule"] == rule and v["name"] == name for v in vs) else 1)
PY
}

json_lacks_class() { # file class
    python3 - "$@" <<'PY'
import json, sys
path, cls = sys.argv[1:3]
doc = json.load(open(path))
found = []
for ch in doc.get("changes", []):
    found += ch.get("abi_changes", [ch])
sys.exit(1 if any(c.get("class") == cls for c in found) else 0)
PY
}
