/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * abi_input.h - the three things an ABI can come from on the command line:
 * a dump file, a directory of headers, or a git revision (its public/).
 */
#ifndef KEEL_RELEASE_ABI_INPUT_H
#define KEEL_RELEASE_ABI_INPUT_H

#include "abi.h"
#include "diff.h"
#include "extract.h"
#include "headers.h"

struct abi_input {
    const char *spec;
    struct abi *abi;        /* set for a dump file, or once extracted */
    struct header_set *hs;  /* set for a directory or a revision */
};

/* Resolves spec (dump file, then directory, then revision); fatal if none fits. */
void abi_input_open(struct abi_input *in, const char *spec);
/* The ABI, extracting it if needed. */
struct abi *abi_input_abi(struct abi_input *in, const struct extract_opts *o);
/*
 * The diff from old to new. When both are headers, files whose bytes are
 * unchanged are skipped: only the root headers that reach a changed file are
 * parsed, on both sides; nothing is parsed when no byte changed.
 */
struct diff *abi_input_diff(struct abi_input *old_in, struct abi_input *new_in,
                            const struct extract_opts *o);
void abi_input_close(struct abi_input *in);

#endif
