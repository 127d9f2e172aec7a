/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * unit_main.c - runs the CUnit registry and prints one TAP-like line per
 * test, so that the suite's summary counts each of them.
 */
#include <CUnit/CUnit.h>
#include <CUnit/TestRun.h>
#include <stdio.h>
#include <string.h>

#include "unit.h"
#include "util.h"

struct abi *u_abi(void)
{
    struct abi *a = abi_new("public");

    abi_add_target(a, "aarch64-linux-gnu");
    return a;
}

struct abi_item *u_macro(struct abi *a, const char *name, uint64_t value, unsigned line)
{
    struct abi_item *it = abi_add_item(&a->targets[0], ITEM_MACRO, name);

    it->file = xstrdup("x.h");
    it->line = line;
    it->value = value;
    return it;
}

struct abi_item *u_struct(struct abi *a, const char *name, int64_t size, int64_t align,
                          unsigned line)
{
    struct abi_item *it = abi_add_item(&a->targets[0], ITEM_STRUCT, name);

    it->file = xstrdup("x.h");
    it->line = line;
    it->size = size;
    it->align = align;
    return it;
}

void u_member(struct abi_item *it, const char *name, const char *type, const char *canonical,
              uint64_t offset, uint64_t size)
{
    struct abi_member *m = abi_add_member(it, name);

    m->type = xstrdup(type);
    m->canonical = xstrdup(canonical);
    m->offset_bits = offset * 8;
    m->size = size;
}

static int failed(CU_pTest test)
{
    for (CU_pFailureRecord f = CU_get_failure_list(); f; f = f->pNext)
        if (f->pTest == test)
            return 1;
    return 0;
}

int main(void)
{
    unsigned n = 0, bad = 0;

    if (CU_initialize_registry() != CUE_SUCCESS)
        return 1;
    unit_register_diff();
    unit_register_rules();
    unit_register_gov();
    CU_run_all_tests();
    for (CU_pSuite s = CU_get_registry()->pSuite; s; s = s->pNext) {
        for (CU_pTest t = s->pTest; t; t = t->pNext) {
            int f = failed(t);

            printf("%sok %u - unit: %s: %s\n", f ? "not " : "", ++n, s->pName, t->pName);
            bad += (unsigned)f;
        }
    }
    for (CU_pFailureRecord f = CU_get_failure_list(); f; f = f->pNext)
        printf("# %s:%u: %s\n", f->strFileName, f->uiLineNumber, f->strCondition);
    CU_cleanup_registry();
    return bad ? 1 : 0;
}
