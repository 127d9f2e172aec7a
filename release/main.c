/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * main.c - keel-release: the gate on Keel's guest ABI (DESIGN section 3b).
 */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "util.h"

/* Each command's synopsis and description: "keel-release CMD --help" prints its own. */
static const struct {
    const char *name, *text;
} commands[] = {
    {"abi", "  abi dump [--rev REV | --dir DIR] [--target aarch64|x86_64|all] [-I DIR]\n"
            "           [-D NAME[=V]] [--keep-going] [--strict] [-o FILE]\n"
            "      the ABI of a set of headers as JSON (default: public/ of the work tree)\n"
            "  abi diff [--json] [--target T] [-I DIR] [-D NAME[=V]] [--strict] OLD NEW\n"
            "      classify every difference; OLD and NEW are dump files, header\n"
            "      directories or git revisions (their public/)\n"},
    {"deprecations", "  deprecations [--rev REV] [--json]\n"
                     "      deprecated items, their removal windows, and policy violations\n"},
    {"check", "  check [--json] [--strict] BASE..HEAD | --last-release\n"
              "      ABI, deprecation and governance verdict for each change to public/\n"
              "      or to the rules (MAINTAINERS, governance/policy,\n"
              "      governance/allowed_signers) in the range; refuses a shallow clone\n"},
    {"cut", "  cut VERSION\n"
            "      write the baseline release/abi/VERSION.json if check passes\n"},
    {"maintainers", "  maintainers [--json] [--file PATH] FILE... | --self-test [--json] [--file PATH]\n"
                    "      the MAINTAINERS sections covering each file, most specific first\n"},
    {"review", "  review VERB CHANGE-ID --by \"Name <email>\" [--reason TEXT] [--key FILE] [--json]\n"
               "      append an entry signed with your SSH key (--key, $KEEL_SIGNING_KEY or\n"
               "      git's user.signingkey with gpg.format ssh) to\n"
               "      governance/changes/CHANGE-ID; VERB: ack, nack, review, withdraw,\n"
               "      refer, vote-accept, vote-reject\n"
               "  review status CHANGE-ID [--json]\n"
               "      Acks, Nacks, referral, referees, decision and signatures of one change\n"},
    {"hooks", "  hooks install [--force] [--json]\n"
              "      a commit-msg hook adding a Change-Id: trailer to new commits\n"},
};

static const char exit_text[] =
    "\n"
    "exit status bits: 1 tool error, 2 usage error, 4 compatible ABI change,\n"
    "8 incompatible ABI change, 16 deprecation-policy violation,\n"
    "32 governance not satisfied; 3 (not a bit) review or hooks refused.\n"
    "Headers clang rejects in a foreign set are skipped with a warning and\n"
    "listed in the JSON; --strict makes that a tool error (1).\n";

/* Set by release.mk from the tree's version; a plain build says "dev". */
#ifndef KEEL_RELEASE_VERSION
#define KEEL_RELEASE_VERSION "dev"
#endif

static void usage(FILE *f, const char *only)
{
    fputs("usage: keel-release <command> [options]   (keel-release <command> --help)\n\n", f);
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        if (!only || !strcmp(only, commands[i].name))
            fputs(commands[i].text, f);
    fputs(exit_text, f);
}

int main(int argc, char **argv)
{
    const char *cmd = argc > 1 ? argv[1] : "";

    /* libgit2 is initialised by repo_open(): "maintainers" needs no repository. */
    if (!strcmp(cmd, "help") || !strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
        usage(stdout, NULL);
        return 0;
    }
    if (!strcmp(cmd, "--version")) {
        printf("keel-release %s\n", KEEL_RELEASE_VERSION);
        return 0;
    }
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            for (size_t k = 0; k < sizeof(commands) / sizeof(commands[0]); k++) {
                if (!strcmp(cmd, commands[k].name)) {
                    usage(stdout, cmd);
                    return 0;
                }
            }
            break;
        }
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
        usage(stderr, NULL);
        return EXIT_USAGE;
    }
    usage_error("unknown command \"%s\"", cmd);
}
