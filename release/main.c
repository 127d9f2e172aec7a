/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * main.c - keel-release: the gate on Keel's guest ABI (DESIGN section 3b).
 */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "util.h"

static const char usage_text[] =
    "usage: keel-release <command> [options]\n"
    "\n"
    "  abi dump [--rev REV | --dir DIR] [--target aarch64|x86_64|all] [-I DIR]\n"
    "           [-D NAME[=V]] [--keep-going] [--strict] [-o FILE]\n"
    "      the ABI of a set of headers as JSON (default: public/ of the work tree)\n"
    "  abi diff [--json] [--target T] [-I DIR] [-D NAME[=V]] [--strict] OLD NEW\n"
    "      classify every difference; OLD and NEW are dump files, header\n"
    "      directories or git revisions (their public/)\n"
    "  deprecations [--rev REV] [--json]\n"
    "      deprecated items, their removal windows, and policy violations\n"
    "  check [--json] [--strict] BASE..HEAD | --last-release\n"
    "      ABI and deprecation verdict for each change to public/ in the range\n"
    "  cut VERSION\n"
    "      write the baseline release/abi/VERSION.json if check passes\n"
    "  maintainers [--json] [--file PATH] FILE... | --self-test [--file PATH]\n"
    "      the MAINTAINERS sections covering each file, most specific first\n"
    "  review VERB CHANGE-ID --by \"Name <email>\" [--reason TEXT]\n"
    "      append to governance/changes/CHANGE-ID; VERB: ack, nack, review,\n"
    "      withdraw, refer, vote-accept, vote-reject\n"
    "  review status CHANGE-ID [--json]\n"
    "      Acks, Nacks, referral, referees and decision of one change\n"
    "  hooks install [--force]\n"
    "      a commit-msg hook adding a Change-Id: trailer to new commits\n"
    "\n"
    "exit status bits: 1 tool error, 2 usage error, 4 compatible ABI change,\n"
    "8 incompatible ABI change, 16 deprecation-policy violation,\n"
    "32 governance not satisfied. Headers clang rejects in a foreign set are\n"
    "skipped with a warning and listed in the JSON; --strict makes that a\n"
    "tool error (1).\n";

int main(int argc, char **argv)
{
    const char *cmd = argc > 1 ? argv[1] : "";

    /* libgit2 is initialised by repo_open(): "maintainers" needs no repository. */
    if (!strcmp(cmd, "help") || !strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
        fputs(usage_text, stdout);
        return 0;
    }
    if (!strcmp(cmd, "abi")) {
        const char *sub = argc > 2 ? argv[2] : "";

        if (!strcmp(sub, "dump"))
            return exit_status(cmd_abi_dump(argc - 3, argv + 3));
        if (!strcmp(sub, "diff"))
            return exit_status(cmd_abi_diff(argc - 3, argv + 3));
        usage_error("abi: unknown sub-command \"%s\" (want dump or diff)", sub);
    }
    if (!strcmp(cmd, "deprecations"))
        return cmd_deprecations(argc - 2, argv + 2);
    if (!strcmp(cmd, "check"))
        return exit_status(cmd_check(argc - 2, argv + 2));
    if (!strcmp(cmd, "cut"))
        return cmd_cut(argc - 2, argv + 2);
    if (!strcmp(cmd, "maintainers"))
        return cmd_maintainers(argc - 2, argv + 2);
    if (!strcmp(cmd, "review"))
        return cmd_review(argc - 2, argv + 2);
    if (!strcmp(cmd, "hooks"))
        return cmd_hooks(argc - 2, argv + 2);
    if (!cmd[0]) {
        fputs(usage_text, stderr);
        return EXIT_USAGE;
    }
    usage_error("unknown command \"%s\"", cmd);
}
