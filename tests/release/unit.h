/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * unit.h - CUnit tests of keel-release's diff and rule logic, and the
 * builders they share.
 */
#ifndef KEEL_RELEASE_UNIT_H
#define KEEL_RELEASE_UNIT_H

#include <CUnit/CUnit.h>

#include "abi.h"

void unit_register_diff(void);
void unit_register_rules(void);
void unit_register_gov(void);

/* A one-target ABI rooted at "public". */
struct abi *u_abi(void);
struct abi_item *u_macro(struct abi *a, const char *name, uint64_t value, unsigned line);
struct abi_item *u_struct(struct abi *a, const char *name, int64_t size, int64_t align,
                          unsigned line);
void u_member(struct abi_item *it, const char *name, const char *type, const char *canonical,
              uint64_t offset, uint64_t size);

#endif
