# SPDX-License-Identifier: GPL-2.0-only
#
# Real Ed25519 SSH keys for the people of the governance fixtures, made with
# ssh-keygen (openssh-client, scripts/packages.list) in $WORK/keys, and the
# review wrapper that signs as the person --by names, the way each of them
# would with their own key.

# make_keys IDENT...: a key per identity; prints allowed_signers lines.
make_keys() {
    mkdir -p "$WORK/keys"
    local id email
    for id in "$@"; do
        email=$(echo "$id" | sed 's/.*<\(.*\)>.*/\1/' | tr 'A-Z' 'a-z')
        [ -f "$WORK/keys/$email" ] ||
            ssh-keygen -q -t ed25519 -N '' -C "$email" -f "$WORK/keys/$email" >/dev/null || return 1
        echo "$email namespaces=\"keel-governance,git\" $(cut -d' ' -f1,2 "$WORK/keys/$email.pub")"
    done
}

key_of() { # ident
    echo "$WORK/keys/$(echo "$1" | sed 's/.*<\(.*\)>.*/\1/' | tr 'A-Z' 'a-z')"
}

# keel-release review, signing with the key of whoever --by names (when
# there is one and KEEL_SIGNING_KEY is not set already).
kr_review() {
    local a prev= key=
    for a in "$@"; do
        [ "$prev" = "--by" ] && key=$(key_of "$a")
        prev=$a
    done
    if [ -z "${KEEL_SIGNING_KEY:-}" ] && [ -n "$key" ] && [ -f "$key" ]; then
        KEEL_SIGNING_KEY=$key "$KR" review "$@"
    else
        "$KR" review "$@"
    fi
}
