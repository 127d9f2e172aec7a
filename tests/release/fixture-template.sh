# SPDX-License-Identifier: GPL-2.0-only
#
# The fixture project every scenario starts from: small public headers with
# @abi tags, a hypercall table, sub-op implementations, the policy, and the
# baseline of release 1.0 cut by keel-release itself.

. "$(dirname "${BASH_SOURCE[0]}")/keys.sh"

# The people of the governance fixtures (governance.sh, attacks.sh).
ALICE="Alice Maintainer <alice@example.org>"
BOB="Bob Maintainer <bob@example.org>"
CAROL="Carol Maintainer <carol@example.org>"
DAVE="Dave Referee <dave@example.org>"
ERIN="Erin Referee <erin@example.org>"
FRANK="Frank Referee <frank@example.org>"
GRACE="Grace Referee <grace@example.org>"
HEIDI="Heidi Author <heidi@example.org>"
IVAN="Ivan Arm <ivan@example.org>"
MALLORY="Mallory Outsider <mallory@example.org>"

make_template() { # dir
    mkdir -p "$1/public" "$1/governance" "$1/xen/include/xen" "$1/xen/common" "$1/release/abi"
    (
        cd "$1" || exit 1
        git_quiet init -q .
        cat >public/xen.h <<'H'
/* SPDX-License-Identifier: MIT */
#ifndef FIXTURE_XEN_H
#define FIXTURE_XEN_H
#include <stdint.h>
#if defined(__aarch64__)
#include "arch-arm.h"
#else
#include "arch-x86.h"
#endif

/* @abi since=1.0 */
#define __HYPERVISOR_base 16
/* @abi since=1.0 */
#define __HYPERVISOR_xen_version (__HYPERVISOR_base + 1)
/* @abi since=1.0 */
#define __HYPERVISOR_console_io 18
/* @abi since=1.0 deprecated=1.0 */
#define __HYPERVISOR_old_op 19

/* @abi since=1.0 */
typedef uint32_t xen_word_t;

/* @abi since=1.0 */
struct xen_pair {
    uint32_t a;
    uint32_t b;
};

/* @abi since=1.0 */
struct xen_padded {
    uint8_t kind;
    uint8_t pad[3];
    uint32_t value;
};

/* @abi since=1.0 */
enum xen_shutdown {
    SHUTDOWN_poweroff = 0,
    SHUTDOWN_reboot = 1,
    SHUTDOWN_MAX = 1
};
#endif
H
        cat >public/version.h <<'H'
/* SPDX-License-Identifier: MIT */
#ifndef FIXTURE_VERSION_H
#define FIXTURE_VERSION_H
#include "xen.h"
/* @abi since=1.0 */
#define XENVER_version 0
/* @abi since=1.0 deprecated=1.0 replacement=XENVER_version */
#define XENVER_extraversion 1
/* @abi since=1.0 */
#define XENVER_plain 2
#endif
H
        printf '/* @abi since=1.0 */\n#define XEN_ARCH_ID 0xA64\n' >public/arch-arm.h
        printf '/* @abi since=1.0 */\n#define XEN_ARCH_ID 0x86\n' >public/arch-x86.h
        cat >xen/include/xen/hypercall-defs.h <<'H'
HYPERCALL(__HYPERVISOR_xen_version, do_xen_version, 2)
HYPERCALL(__HYPERVISOR_console_io, do_console_io, 3)
HYPERCALL(__HYPERVISOR_old_op, do_old_op, 1)
H
        cat >xen/common/version.c <<'H'
long do_xen_version(int cmd)
{
    switch (cmd) {
    case XENVER_version:
        return 0x10000;
    case XENVER_extraversion:
        return 0;
    case XENVER_plain:
        return 2;
    }
    return -38;
}
H
        printf '# fixture policy\ndeprecation_window = 2\n' >governance/policy
        cat >MAINTAINERS <<'M'
PUBLIC ABI
M:	Fixture ABI maintainer <abi@example.org>
S:	Supported
F:	public/

THE REST
M:	Fixture ABI maintainer <abi@example.org>
M:	Fixture referee one <ref1@example.org>
M:	Fixture referee two <ref2@example.org>
S:	Supported
F:	*
F:	*/
M
        # The ABI maintainer's SSH key: the Acked-by: trailers of commit_all count.
        if [ -n "${WORK:-}" ]; then
            make_keys "Fixture ABI maintainer <abi@example.org>" >governance/allowed_signers || exit 1
        fi
        commit_all "fixture: public headers"
        "$KR" cut 1.0 >/dev/null || exit 1
        commit_all "release: baseline 1.0"
    )
}

# A fresh copy of the template, entered; BASE is the release 1.0 commit.
scenario() { # name
    rm -rf "$WORK/$1"
    cp -a "$WORK/template" "$WORK/$1"
    cd "$WORK/$1" || exit 1
    BASE=$(git rev-parse HEAD)
}

# Runs check from the 1.0 baseline to HEAD: sets RC and OUT (a JSON file).
run_check() {
    OUT="$WORK/$(basename "$PWD").json"
    "$KR" check --json "$BASE..HEAD" >"$OUT" 2>"$OUT.err"
    RC=$?
}
