/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * unit_diff.c - CUnit tests of abi_diff()'s classification.
 */
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "unit.h"
#include "util.h"

static struct diff *run(struct abi *a, struct abi *b)
{
    abi_finish(a);
    abi_finish(b);
    return abi_diff(a, b);
}

static const struct change *only(const struct diff *d, enum change_class cls, const char *name)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->v[i].cls == cls && !strcmp(d->v[i].name, name))
            return &d->v[i];
    return NULL;
}

static void done(struct abi *a, struct abi *b, struct diff *d)
{
    diff_free(d);
    abi_free(a);
    abi_free(b);
}

static void test_identical(void)
{
    struct abi *a = u_abi(), *b = u_abi();
    struct diff *d;

    u_macro(a, "A", 1, 1);
    u_macro(b, "A", 1, 1);
    d = run(a, b);
    CU_ASSERT_EQUAL(d->n, 0);
    CU_ASSERT_EQUAL(diff_exit_bits(d), 0);
    done(a, b, d);
}

static void test_value_changed(void)
{
    struct abi *a = u_abi(), *b = u_abi();
    struct diff *d;
    const struct change *c;

    u_macro(a, "__HYPERVISOR_x", 29, 3);
    u_macro(b, "__HYPERVISOR_x", 30, 3);
    d = run(a, b);
    c = only(d, CH_VALUE, "__HYPERVISOR_x");
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CU_ASSERT_EQUAL(c->sev, SEV_INCOMPATIBLE);
    CU_ASSERT_STRING_EQUAL(c->detail, "29 (0x1d) -> 30 (0x1e)");
    CU_ASSERT_EQUAL(diff_exit_bits(d), EXIT_INCOMPATIBLE);
    done(a, b, d);
}

static void test_negative_vs_unsigned(void)
{
    struct abi *a = u_abi(), *b = u_abi();
    struct abi_item *x = u_macro(a, "M", (uint64_t)-1, 1), *y = u_macro(b, "M", (uint64_t)-1, 1);
    struct diff *d;

    x->is_unsigned = 0;
    y->is_unsigned = 1; /* same bits, different number */
    d = run(a, b);
    CU_ASSERT_PTR_NOT_NULL(only(d, CH_VALUE, "M"));
    done(a, b, d);
}

static void test_sentinel(void)
{
    struct abi *a = u_abi(), *b = u_abi();
    struct diff *d;

    u_macro(a, "SHUTDOWN_MAX", 4, 1);
    u_macro(b, "SHUTDOWN_MAX", 5, 1);
    u_macro(a, "XENFEAT_NR_SUBMAPS", 1, 2);
    u_macro(b, "XENFEAT_NR_SUBMAPS", 2, 2);
    d = run(a, b);
    CU_ASSERT_PTR_NOT_NULL(only(d, CH_SENTINEL, "SHUTDOWN_MAX"));
    CU_ASSERT_PTR_NOT_NULL(only(d, CH_SENTINEL, "XENFEAT_NR_SUBMAPS"));
    CU_ASSERT_EQUAL(diff_exit_bits(d), EXIT_COMPATIBLE);
    done(a, b, d);
}

static void test_added_removed(void)
{
    struct abi *a = u_abi(), *b = u_abi();
    struct diff *d;

    u_macro(a, "OLD", 1, 1);
    u_macro(b, "NEW", 2, 1);
    d = run(a, b);
    CU_ASSERT_PTR_NOT_NULL(only(d, CH_REMOVED, "OLD"));
    CU_ASSERT_PTR_NOT_NULL(only(d, CH_ADDED, "NEW"));
    CU_ASSERT_EQUAL(diff_exit_bits(d), EXIT_INCOMPATIBLE | EXIT_COMPATIBLE);
    done(a, b, d);
}

static void test_renamed(void)
{
    struct abi *a = u_abi(), *b = u_abi();
    struct diff *d;
    const struct change *c;

    u_macro(a, "XENVER_plain", 2, 5);
    u_macro(b, "XENVER_simple", 2, 5);
    d = run(a, b);
    c = only(d, CH_RENAMED, "XENVER_simple");
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CU_ASSERT_STRING_EQUAL(c->old_name, "XENVER_plain");
    CU_ASSERT_EQUAL(d->n, 1);
    CU_ASSERT_EQUAL(diff_exit_bits(d), EXIT_COMPATIBLE);
    done(a, b, d);
}

static void test_rename_ambiguous(void)
{
    struct abi *a = u_abi(), *b = u_abi();
    struct diff *d;

    /* Two new names with the old value: no way to tell which is the rename. */
    u_macro(a, "X_old", 7, 1);
    u_macro(b, "X_new1", 7, 1);
    u_macro(b, "X_new2", 7, 2);
    d = run(a, b);
    CU_ASSERT_PTR_NOT_NULL(only(d, CH_REMOVED, "X_old"));
    CU_ASSERT_PTR_NULL(only(d, CH_RENAMED, "X_new1"));
    done(a, b, d);
}

static void pair(struct abi *x, const char *first, const char *second, uint64_t size2)
{
    struct abi_item *s = u_struct(x, "xen_pair", 4 + (int64_t)size2, 4, 10);

    u_member(s, first, "uint32_t", "unsigned int", 0, 4);
    u_member(s, second, size2 == 8 ? "uint64_t" : "uint32_t",
             size2 == 8 ? "unsigned long" : "unsigned int", 4, size2);
}

static void test_member_reordered(void)
{
    struct abi *a = u_abi(), *b = u_abi();
    struct diff *d;

    pair(a, "a", "b", 4);
    pair(b, "b", "a", 4);
    d = run(a, b);
    CU_ASSERT_EQUAL(d->n, 2);
    CU_ASSERT_PTR_NOT_NULL(diff_find(d, "xen_pair", "a"));
    CU_ASSERT_EQUAL(diff_find(d, "xen_pair", "a")->cls, CH_MEMBER_OFFSET);
    CU_ASSERT_EQUAL(diff_find(d, "xen_pair", "b")->cls, CH_MEMBER_OFFSET);
    done(a, b, d);
}

static void test_member_widened(void)
{
    struct abi *a = u_abi(), *b = u_abi();
    struct diff *d;

    pair(a, "a", "b", 4);
    pair(b, "a", "b", 8);
    d = run(a, b);
    CU_ASSERT_PTR_NOT_NULL(only(d, CH_SIZE, "xen_pair"));
    CU_ASSERT_EQUAL(diff_find(d, "xen_pair", "b")->cls, CH_MEMBER_TYPE);
    done(a, b, d);
}

static void test_member_appended(void)
{
    struct abi *a = u_abi(), *b = u_abi();
    struct abi_item *s;
    struct diff *d;

    pair(a, "a", "b", 4);
    pair(b, "a", "b", 4);
    s = &b->targets[0].items[0];
    u_member(s, "c", "uint32_t", "unsigned int", 8, 4);
    d = run(a, b);
    CU_ASSERT_EQUAL(diff_find(d, "xen_pair", "c")->cls, CH_MEMBER_ADDED);
    CU_ASSERT_EQUAL(diff_find(d, "xen_pair", "c")->sev, SEV_INCOMPATIBLE);
    done(a, b, d);
}

/* struct { uint32_t cmd; union { A a; uint8_t pad[128]; } u; }, as Xen's ops. */
static struct abi_item *op_struct(struct abi *a, int64_t union_size)
{
    struct abi_item *s = u_struct(a, "op", 8 + union_size, 8, 1);

    u_member(s, "cmd", "uint32_t", "unsigned int", 0, 4);
    u_member(s, "u", "union <anonymous>", "union <anonymous>", 8, (uint64_t)union_size);
    u_member(s, "u.a", "uint64_t", "unsigned long", 8, 8);
    u_member(s, "u.pad", "uint8_t[128]", "unsigned char[128]", 8, 128);
    return s;
}

static void test_union_alternative(void)
{
    struct abi *a = u_abi(), *b = u_abi(), *c = u_abi(), *e = u_abi();
    struct abi_item *s;
    struct diff *d;

    op_struct(a, 128);
    s = op_struct(b, 128);
    u_member(s, "u.b", "uint32_t[4]", "unsigned int[4]", 8, 16);
    d = run(a, b);
    CU_ASSERT_EQUAL(diff_find(d, "op", "u.b")->cls, CH_UNION_MEMBER_ADDED);
    CU_ASSERT_EQUAL(diff_exit_bits(d), EXIT_COMPATIBLE);
    done(a, b, d);
    /* An alternative that makes the union grow is a real member_added. */
    op_struct(c, 128);
    s = op_struct(e, 256);
    u_member(s, "u.big", "uint8_t[256]", "unsigned char[256]", 8, 256);
    d = run(c, e);
    CU_ASSERT_EQUAL(diff_find(d, "op", "u.big")->cls, CH_MEMBER_ADDED);
    CU_ASSERT_TRUE(diff_exit_bits(d) & EXIT_INCOMPATIBLE);
    done(c, e, d);
}

static void test_member_spelling_only(void)
{
    struct abi *a = u_abi(), *b = u_abi();
    struct diff *d;
    struct abi_item *s = u_struct(a, "s", 4, 4, 1), *t = u_struct(b, "s", 4, 4, 1);

    u_member(s, "v", "uint32_t", "unsigned int", 0, 4);
    u_member(t, "v", "unsigned int", "unsigned int", 0, 4);
    d = run(a, b);
    CU_ASSERT_EQUAL(d->n, 1);
    CU_ASSERT_EQUAL(d->v[0].cls, CH_MEMBER_TYPE_SPELLING);
    CU_ASSERT_EQUAL(diff_exit_bits(d), EXIT_COMPATIBLE);
    done(a, b, d);
}

static void test_member_renamed(void)
{
    struct abi *a = u_abi(), *b = u_abi();
    struct diff *d;

    pair(a, "a", "pad", 4);
    pair(b, "a", "reserved", 4);
    d = run(a, b);
    CU_ASSERT_EQUAL(d->n, 1);
    CU_ASSERT_EQUAL(d->v[0].cls, CH_MEMBER_RENAMED);
    done(a, b, d);
}

static void test_targets_merged(void)
{
    struct abi *a = u_abi(), *b = u_abi();
    struct diff *d;

    abi_add_target(a, "x86_64-linux-gnu");
    abi_add_target(b, "x86_64-linux-gnu");
    for (int t = 0; t < 2; t++) {
        struct abi_item *x = abi_add_item(&a->targets[t], ITEM_MACRO, "M");
        struct abi_item *y = abi_add_item(&b->targets[t], ITEM_MACRO, "M");

        x->file = xstrdup("x.h");
        y->file = xstrdup("x.h");
        x->value = 1;
        y->value = t ? 3 : 2; /* differs per target on the new side */
    }
    u_macro(a, "SAME", 1, 2);
    u_macro(b, "SAME", 5, 2);
    abi_add_item(&a->targets[1], ITEM_MACRO, "SAME")->file = xstrdup("x.h");
    a->targets[1].items[a->targets[1].nitems - 1].value = 1;
    abi_add_item(&b->targets[1], ITEM_MACRO, "SAME")->file = xstrdup("x.h");
    b->targets[1].items[b->targets[1].nitems - 1].value = 5;
    d = run(a, b);
    CU_ASSERT_EQUAL(d->n, 3); /* M twice (different details), SAME once */
    CU_ASSERT_EQUAL(only(d, CH_VALUE, "SAME")->targets, 3u);
    done(a, b, d);
}

static void test_sorted_by_place(void)
{
    struct abi *a = u_abi(), *b = u_abi();
    struct diff *d;

    u_macro(a, "Z", 1, 2);
    u_macro(b, "Z", 2, 2);
    u_macro(a, "A", 1, 9);
    u_macro(b, "A", 2, 9);
    d = run(a, b);
    CU_ASSERT_STRING_EQUAL(d->v[0].name, "Z");
    CU_ASSERT_STRING_EQUAL(d->v[1].name, "A");
    done(a, b, d);
}

static void test_deprecated_tag(void)
{
    struct abi *a = u_abi(), *b = u_abi();
    struct abi_item *x;
    struct diff *d;

    u_macro(a, "XENVER_x", 1, 1);
    x = u_macro(b, "XENVER_x", 1, 1);
    x->tags.present = 1;
    strcpy(x->tags.since, "1.0");
    strcpy(x->tags.deprecated, "1.1");
    d = run(a, b);
    CU_ASSERT_EQUAL(d->n, 1);
    CU_ASSERT_EQUAL(d->v[0].cls, CH_DEPRECATED);
    CU_ASSERT_EQUAL(d->v[0].sev, SEV_COMPATIBLE);
    done(a, b, d);
}

static void test_macro_to_enumerator(void)
{
    struct abi *a = u_abi(), *b = u_abi();
    struct diff *d;

    u_macro(a, "K", 3, 1);
    abi_add_item(&b->targets[0], ITEM_ENUMERATOR, "K")->value = 3;
    b->targets[0].items[0].file = xstrdup("x.h");
    d = run(a, b);
    CU_ASSERT_EQUAL(diff_exit_bits(d), 0);
    done(a, b, d);
}

static void test_json_round_trip(void)
{
    struct abi *a = u_abi(), *b;
    struct abi_item *s;
    char *text;
    struct diff *d;

    u_macro(a, "BIG", UINT64_MAX, 1)->is_unsigned = 1;
    u_macro(a, "NEG", (uint64_t)-22, 2);
    s = u_struct(a, "s", 8, 4, 3);
    u_member(s, "a", "uint32_t", "unsigned int", 0, 4);
    abi_finish(a);
    text = abi_to_json(a);
    b = abi_from_json(text, "round trip");
    d = abi_diff(a, b);
    CU_ASSERT_EQUAL(d->n, 0);
    free(text);
    done(a, b, d);
}

void unit_register_diff(void)
{
    CU_pSuite s = CU_add_suite("diff", NULL, NULL);

    CU_add_test(s, "identical ABIs have no change", test_identical);
    CU_add_test(s, "value changed is incompatible", test_value_changed);
    CU_add_test(s, "-1 and UINT64_MAX are different values", test_negative_vs_unsigned);
    CU_add_test(s, "sentinels are compatible", test_sentinel);
    CU_add_test(s, "added and removed", test_added_removed);
    CU_add_test(s, "same value under a new name is a rename", test_renamed);
    CU_add_test(s, "ambiguous renames are not guessed", test_rename_ambiguous);
    CU_add_test(s, "member reordered", test_member_reordered);
    CU_add_test(s, "member widened", test_member_widened);
    CU_add_test(s, "member appended is incompatible", test_member_appended);
    CU_add_test(s, "new union alternative of the same size is compatible",
                test_union_alternative);
    CU_add_test(s, "member spelling only is compatible", test_member_spelling_only);
    CU_add_test(s, "member renamed in place", test_member_renamed);
    CU_add_test(s, "changes merge across targets", test_targets_merged);
    CU_add_test(s, "report sorted by file:line", test_sorted_by_place);
    CU_add_test(s, "newly deprecated is compatible", test_deprecated_tag);
    CU_add_test(s, "macro to enumerator of same value", test_macro_to_enumerator);
    CU_add_test(s, "JSON dump round trip", test_json_round_trip);
}
