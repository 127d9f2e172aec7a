#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Each row of issue 19's attack table has a fixture in attacks.sh that fails
# when the check defending against it is removed: this removes one check at
# a time from a copy of release/, builds keel-release from the copy, runs
# attacks.sh with it and expects at least one "not ok". Not part of
# make check-release (a build and an attacks.sh run per check); run by hand:
#   bash tests/release/mutate-attacks.sh [NAME-SUBSTRING]
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$ROOT" || exit 1
ONLY=${1:-}
fail=0
LLVM_INC=$(llvm-config-14 --includedir 2>/dev/null || echo /usr/lib/llvm-14/include)
LLVM_LIB=$(llvm-config-14 --libdir 2>/dev/null || echo /usr/lib/llvm-14/lib)

# mutate NAME FILE OLD NEW: the check named NAME is the text OLD in release/FILE.
mutate() {
    local name=$1 file=$2
    [ -n "$ONLY" ] && [[ "$name" != *"$ONLY"* ]] && return
    rm -rf "$T/release" && cp -r release "$T/release"
    python3 - "$T/release/$file" "$3" "$4" <<'PY' || { echo "not ok - $name: check text not found in $file"; fail=1; return; }
import sys
path, old, new = sys.argv[1:4]
src = open(path).read()
if src.count(old) != 1:
    sys.exit(1)
open(path, "w").write(src.replace(old, new))
PY
    # shellcheck disable=SC2046
    if ! gcc -std=gnu11 -D_GNU_SOURCE -O1 -w -I"$LLVM_INC" -I"$T/release" \
        -DKEEL_LIBCLANG="\"$LLVM_LIB/libclang.so.1\"" -o "$T/kr" $(ls "$T"/release/*.c) \
        -ldl -lgit2 -ljansson -lnettle -lhogweed 2>"$T/cc.err"; then
        echo "not ok - $name: the mutant does not build"; sed 's/^/# /' "$T/cc.err" | head -5; fail=1; return
    fi
    KR="$T/kr" bash "$HERE/attacks.sh" >"$T/out" 2>&1
    if grep -q '^not ok' "$T/out"; then
        echo "ok - $name: removed, $(grep -c '^not ok' "$T/out") attack test(s) fail: $(grep -m1 '^not ok' "$T/out")"
    else
        echo "not ok - $name: removed, and every attack test still passes"; fail=1
    fi
}

mutate "signatures: an entry signed by someone else does not count (forged withdraw)" governance.c \
    'if (st->signers && i >= st->history && (why = signature_problem(st, change_id, i, e, by))) {' \
    'if (0 && (why = signature_problem(st, change_id, i, e, by))) {'
mutate "the rules govern themselves (MAINTAINERS promotion, governed_after moved)" check.c \
    'governed_rules = !exempt;' 'governed_rules = 0;'
mutate "a rules change is judged under its parent's rules" check.c \
    '        env = &before_env;
' ''
mutate "trailers count only on a commit signed by the named person" governance.c \
    'if (st->signers && !trailer_signed(st, ids->v[i], i < keys->n ? keys->v[i] : NULL)) {' \
    'if (0) {'
mutate "a shallow clone is refused" check.c \
    'if (git_repository_is_shallow(repo) == 1)' 'if (0)'
mutate "append-only against every parent of a merge" check.c \
    'for (unsigned p = 0; p < git_commit_parentcount(c); p++) {
            git_commit *pc;' 'for (unsigned p = 0; p < 1 && p < git_commit_parentcount(c); p++) {
            git_commit *pc;'
mutate "NUL, CR and invalid UTF-8 in governance files are errors" govfile.c \
    '*err = text_check(text, len, what);' '*err = NULL;'
mutate "NUL, CR and invalid UTF-8 in a work tree's record read in pieces are errors" gate.c \
    '*bad = text_check_at(buf, cut, path, line0 + 1);' '*bad = NULL;'
mutate "reasons are printed escaped" check.c \
    '            char *esc = text_escape(x.reasons.v[i]);

            fprintf(out, "    %s\n", esc);' '            char *esc = xstrdup(x.reasons.v[i]);

            fprintf(out, "    %s\n", esc);'
mutate "--by refuses control characters" cmd_review.c \
    'char *bad = value_check(by, "--by");' 'char *bad = NULL;'
mutate "JSON escapes invalid UTF-8 instead of dropping it" gate.c \
    '    if (utf8_valid(s))
        return json_string(s);' '    return json_string(s);'
mutate "symlinks under governance/ are refused (work tree)" govfile.c \
    'if (lstat(full, &st) == 0 && S_ISLNK(st.st_mode))' 'if (0)'
mutate "symlinks under governance/ are refused (a commit's tree)" govfile.c \
    '                if (link)
                    fatal' '                if (0)
                    fatal'
mutate "unknown policy keys are errors" policy.c \
    'if (!known_key(key))' 'if (0)'
mutate "malformed F: globs are errors" maintainers.c \
    'else if (glob_error(val))' 'else if (0)'
# allowed_signers (signers.c) names the type too, but any key reaches key_blob().
mutate "other key types are refused by name" sshsig.c \
    'if (!string_is(type, tl, KEYTYPE)) {' 'if (0) {'
mutate "the signature cache is keyed by the message as well as key and signature" sshsig.c \
    'size_t lens[] = {14, ED25519_KEY_LEN, strlen(ns), 6, len, ED25519_SIG_LEN};' \
    'size_t lens[] = {14, ED25519_KEY_LEN, strlen(ns), 6, 0, ED25519_SIG_LEN};'

[ "$fail" -eq 0 ] && echo "mutate-attacks: every check has an attack test that fails without it"
exit "$fail"
