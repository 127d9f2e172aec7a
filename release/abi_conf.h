/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * abi_conf.h - which headers of a set are compiled for which target, and
 * what must be compiled before a header: release/abi.conf and the options
 * --include, --exclude and --prelude. Lines of the file (docs/release.md):
 *
 *   exclude TARGET GLOB...      not compiled as a root header for TARGET
 *   include TARGET GLOB...      only these are, for TARGET
 *   prelude HEADER PRELUDE...   HEADER (a glob) is compiled after PRELUDE, a
 *                               header of the set or <a/system.h>
 *
 * A target is aarch64, x86_64, a full triple, or "all". Globs are fnmatch()
 * patterns on paths relative to the set's root; '*' matches '/' too.
 */
#ifndef KEEL_RELEASE_ABI_CONF_H
#define KEEL_RELEASE_ABI_CONF_H

#include "extract.h"

#define ABI_CONF "release/abi.conf"

/* Adds the rules of a config text; fatal "what:LINE: ..." on a bad line. */
void abi_conf_parse(struct extract_opts *o, const char *text, const char *what);
/* Reads path when it exists (required: fatal when it cannot be read). */
void abi_conf_load(struct extract_opts *o, const char *path, int required);
/*
 * "--include TARGET:GLOB", "--exclude TARGET:GLOB", "--prelude HEADER:PRELUDE";
 * opt is the option's name without dashes. Usage error when malformed.
 */
void abi_conf_option(struct extract_opts *o, const char *opt, const char *value);
struct snapshot;
/* ABI_CONF as of a snapshot (a commit, the work tree), when it has one. */
void abi_conf_snapshot(struct extract_opts *o, const struct snapshot *s);
/* The same, but -1 instead of a fatal error on a malformed file. */
int abi_conf_snapshot_try(struct extract_opts *o, const struct snapshot *s);
/* path is compiled as a root header for triple. */
int abi_conf_wants(const struct extract_opts *o, const char *triple, const char *path);
/* The preludes of header, in the order given, appended to out. */
void abi_conf_preludes(const struct extract_opts *o, const char *header, struct strlist *out);
/* One line per rule, for the ABI store's key. */
void abi_conf_key(const struct extract_opts *o, struct strbuf *sb);
void abi_conf_free(struct extract_opts *o);

#endif
