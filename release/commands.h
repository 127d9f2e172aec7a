/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * commands.h - the sub-commands of keel-release. Each takes the arguments
 * after its name and returns the exit status.
 */
#ifndef KEEL_RELEASE_COMMANDS_H
#define KEEL_RELEASE_COMMANDS_H

int cmd_abi_dump(int argc, char **argv);
int cmd_abi_diff(int argc, char **argv);
int cmd_deprecations(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_cut(int argc, char **argv);
int cmd_maintainers(int argc, char **argv);
int cmd_review(int argc, char **argv);
int cmd_hooks(int argc, char **argv);

#endif
