#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Each governance rule of DESIGN 3b has a test that fails without it: this
# removes one rule at a time from a copy of release/governance.c, builds the
# unit tests against the copy and expects at least one of them to fail.
# Not part of make check-release (one ASan build per rule); run by hand:
#   bash tests/release/mutate-governance.sh
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$ROOT" || exit 1
SRCS="tests/release/unit_main.c tests/release/unit_diff.c tests/release/unit_rules.c
      tests/release/unit_gov.c release/abi.c release/abi_json.c release/diff.c release/util.c
      release/tags.c release/deprecations.c release/policy.c release/snapshot.c release/gitrepo.c
      release/headers.c release/maintainers.c release/record.c release/textcheck.c
      release/govfile.c release/signers.c release/sshsig.c release/sigcache.c"
fail=0
# mutate NAME PYTHON-OLD PYTHON-NEW: the rule named NAME is the text OLD in governance.c.
mutate() {
    local name=$1
    python3 - "$T/governance.c" "$2" "$3" <<'PY' || { echo "not ok - $name: rule text not found"; fail=1; return; }
import sys
src = open("release/governance.c").read()
old, new = sys.argv[2], sys.argv[3]
if src.count(old) != 1:
    sys.exit(1)
open(sys.argv[1], "w").write(src.replace(old, new))
PY
    # shellcheck disable=SC2086
    if ! gcc -std=gnu11 -D_GNU_SOURCE -O1 -g -fsanitize=address,undefined -Irelease -Itests/release \
        -o "$T/unit" $SRCS "$T/governance.c" -lcunit -ldl -lgit2 -ljansson -lnettle -lhogweed 2>"$T/cc.err"; then
        echo "not ok - $name: the mutant does not build"; sed 's/^/# /' "$T/cc.err" | head -5; fail=1; return
    fi
    if "$T/unit" >"$T/out" 2>&1; then
        echo "not ok - $name: removed, and every unit test still passes"; fail=1
    else
        echo "ok - $name: removed, $(grep -c '^not ok' "$T/out") unit test(s) fail: $(grep -m1 '^not ok' "$T/out")"
    fi
}

mutate "the author may not vote" \
    'if (is_author(st, email))
        return xasprintf("the author (%s) is not neutral and may not vote", who);' ''
mutate "the author is no eligible referee" \
    'return is_author(st, email) || list_find(&st->acks, email)' 'return list_find(&st->acks, email)'
mutate "an acker may not vote" \
    'if ((p = list_find(&st->acks, email)))
        return xasprintf("%s acked this change' 'if (0 && (p = list_find(&st->acks, email)))
        return xasprintf("%s acked this change'
mutate "a nacker may not vote" \
    'if ((p = list_find(&st->nacks, email)))
        return xasprintf("%s nacked' 'if (0 && (p = list_find(&st->nacks, email)))
        return xasprintf("%s nacked'
mutate "ackers are not eligible" '|| list_find(&st->acks, email) ||' '||'
mutate "nackers are not eligible" '|| list_find(&st->nacks, email);' ';'
mutate "a strict majority (not half)" 'if (acc * 2 > e)' 'if (acc * 2 >= e)'
mutate "a majority of the eligible (not of the votes cast)" 'if (acc * 2 > e)' 'if (acc * 2 > acc + rej)'
mutate "a tie is not an acceptance" 'if (acc + rej >= e)
        return OUTCOME_TIE;' 'if (acc + rej >= e)
        return OUTCOME_ACCEPTED;'
mutate "only an accepted decision overrides a Nack" \
    'if (st->outcome == OUTCOME_ACCEPTED && p->entry < st->decision)' \
    'if (st->outcome != OUTCOME_NONE && p->entry < st->decision)'
mutate "a standing Nack blocks" 'sl_push(&s->why_not, xasprintf("standing Nack by %s", line));' ''
mutate "a withdrawn Nack no longer blocks" 'if (p->withdrawn)
            continue;' ''
mutate "a rejection keeps the change out" \
    'if (st->outcome == OUTCOME_REJECTED || st->outcome == OUTCOME_TIE)' 'if (0)'
mutate "an Ack per touched file" 'if (!gf->acked_by.n) {' 'if (0) {'
mutate "an Ack comes from a covering maintainer" 'else if (!covering_role(st, email, 0))
            why = xasprintf("an %s must come' 'else if (0)
            why = xasprintf("an %s must come'
mutate "the author may not Ack" 'else if (is_author(st, email))
            why = xasprintf("the author may not %s' 'else if (0)
            why = xasprintf("the author may not %s'
mutate "only people in MAINTAINERS record decisions" 'if (!listed_anywhere(st->m, email)) {' 'if (0) {'
mutate "no quorum, no decision" 'e < (size_t)st->params.referee_quorum ||' ''
exit $fail
