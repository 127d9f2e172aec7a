/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * unit_rules.c - CUnit tests of tags, versions, policy and deprecation rules.
 */
#include <stdlib.h>
#include <string.h>

#include "deprecations.h"
#include "diff.h"
#include "policy.h"
#include "tags.h"
#include "unit.h"
#include "util.h"

static void test_versions(void)
{
    struct version a, b;

    CU_ASSERT_EQUAL(version_parse("1.10", &a), 0);
    CU_ASSERT_EQUAL(version_parse("1.9", &b), 0);
    CU_ASSERT(version_cmp(b, a) < 0);
    CU_ASSERT_EQUAL(version_parse("1", &a), -1);
    CU_ASSERT_EQUAL(version_parse("1.x", &a), -1);
    CU_ASSERT_EQUAL(version_parse("v1.0", &a), -1);
    CU_ASSERT_EQUAL(version_parse("1.0.1", &a), -1);
    b = deprecation_end((struct version){1, 0}, 2);
    CU_ASSERT(b.major == 1 && b.minor == 2);
}

static void test_sentinel_names(void)
{
    CU_ASSERT(is_sentinel_name("SHUTDOWN_MAX"));
    CU_ASSERT(is_sentinel_name("FOO_COUNT"));
    CU_ASSERT(is_sentinel_name("NR_THINGS"));
    CU_ASSERT(is_sentinel_name("XENFEAT_NR_SUBMAPS"));
    CU_ASSERT(!is_sentinel_name("SHUTDOWN_MAXIMUM"));
    CU_ASSERT(!is_sentinel_name("XENVER_version"));
}

static void test_impl_mentions(void)
{
    const char *src = "switch (cmd) {\ncase  XENVER_version :\n    break;\n}\n"
                      "static const h t[] = { [VERSION_pagesize] = f };\n"
                      "/* XENVER_extraversion is gone */ x = XENVER_changeset;\n";

    CU_ASSERT(impl_mentions(src, "XENVER_version"));
    CU_ASSERT(impl_mentions(src, "VERSION_pagesize"));
    CU_ASSERT(!impl_mentions(src, "XENVER_extraversion"));
    CU_ASSERT(!impl_mentions(src, "XENVER_changeset"));
    CU_ASSERT(!impl_mentions(src, "VERSION"));
}

static void test_table_mentions(void)
{
    const char *t = "HYPERCALL(__HYPERVISOR_xen_version, do_xen_version, 2)\n"
                    "HYPERCALL( __HYPERVISOR_sched_op , do_sched_op, 2)\n";

    CU_ASSERT(table_mentions(t, "__HYPERVISOR_xen_version"));
    CU_ASSERT(table_mentions(t, "__HYPERVISOR_sched_op"));
    CU_ASSERT(!table_mentions(t, "__HYPERVISOR_xen"));
    CU_ASSERT(!table_mentions(t, "do_xen_version"));
}

static void test_tags_scan(void)
{
    const char *h = "/* @abi since=1.0 */\n#define A 1\n"
                    "   /*   @abi since=1.0 deprecated=1.1 replacement=B   */\n#define C 2\n"
                    "/* a comment that mentions @abi is not a tag */\n";
    struct file_tags ft;
    const struct abi_tags *t;

    tags_scan("x.h", h, strlen(h), &ft);
    CU_ASSERT_EQUAL(ft.n, 2);
    t = tags_before(&ft, 2);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_STRING_EQUAL(t->since, "1.0");
    t = tags_before(&ft, 4);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_STRING_EQUAL(t->deprecated, "1.1");
    CU_ASSERT_STRING_EQUAL(t->replacement, "B");
    CU_ASSERT_PTR_NULL(tags_before(&ft, 5));
    tags_free(&ft);
}

static void test_tag_versions(void)
{
    struct version rel[] = {{1, 0}, {1, 1}}, next = {1, 2};
    struct abi_tags t = {.present = 1};
    char *why;

    strcpy(t.since, "1.0");
    strcpy(t.deprecated, "1.2");
    CU_ASSERT_PTR_NULL(tags_check_versions(&t, rel, 2, &next));
    CU_ASSERT_PTR_NULL(tags_check_versions(&t, rel, 2, NULL));
    strcpy(t.since, "0.9");
    why = tags_check_versions(&t, rel, 2, NULL);
    CU_ASSERT_PTR_NOT_NULL(why);
    free(why);
    strcpy(t.since, "1.0");
    strcpy(t.deprecated, "1.3");
    why = tags_check_versions(&t, rel, 2, &next);
    CU_ASSERT_PTR_NOT_NULL(why);
    free(why);
}

static void test_policy(void)
{
    struct policy p;

    policy_parse(&p, "# c\n\ndeprecation_window = 3 # three\nreferee_quorum = 4\n", "p");
    CU_ASSERT_EQUAL(p.deprecation_window, 3);
    CU_ASSERT_STRING_EQUAL(policy_get(&p, "referee_quorum"), "4");
    CU_ASSERT_PTR_NULL(policy_get(&p, "nope"));
    policy_free(&p);
    policy_parse(&p, "", "p");
    CU_ASSERT_EQUAL(p.deprecation_window, DEFAULT_DEPRECATION_WINDOW);
    policy_free(&p);
}

static struct abi_item *deprecated(struct abi *a, const char *name, const char *when)
{
    struct abi_item *it = u_macro(a, name, 9, 1);

    it->tags.present = 1;
    strcpy(it->tags.since, "1.0");
    if (when)
        strcpy(it->tags.deprecated, when);
    return it;
}

static size_t count_rule(const struct dep_report *r, const char *rule)
{
    size_t n = 0;

    for (size_t i = 0; i < r->nviolations; i++)
        n += !strcmp(r->violations[i].rule, rule);
    return n;
}

static void test_removal_window(void)
{
    struct abi *base = u_abi(), *now = u_abi();
    struct version one[] = {{1, 0}}, two[] = {{1, 0}, {1, 1}};
    struct dep_input in = {.now = now, .baseline = base, .window = 2};
    struct dep_report r;

    deprecated(base, "XENVER_gone", "1.0");
    deprecated(base, "XENVER_plain", NULL);
    u_macro(now, "XENVER_other", 3, 1);
    abi_finish(base);
    abi_finish(now);
    in.releases = one;
    in.nreleases = 1;
    deprecations_evaluate(&in, &r);
    CU_ASSERT_EQUAL(count_rule(&r, "removed-before-window"), 1);
    CU_ASSERT_EQUAL(count_rule(&r, "removed-never-deprecated"), 1);
    dep_report_free(&r);
    in.releases = two;
    in.nreleases = 2;
    deprecations_evaluate(&in, &r);
    CU_ASSERT_EQUAL(count_rule(&r, "removed-before-window"), 0);
    CU_ASSERT_EQUAL(count_rule(&r, "removed-never-deprecated"), 1);
    dep_report_free(&r);
    abi_free(base);
    abi_free(now);
}

static void test_implementation_gone(void)
{
    struct abi *now = u_abi();
    struct strlist impl = {0};
    struct dep_input in = {.now = now, .window = 2, .impl_sources = &impl};
    struct dep_report r;

    deprecated(now, "__HYPERVISOR_old", "1.0");
    deprecated(now, "XENVER_old", "1.0");
    u_macro(now, "XENVER_version", 0, 2);
    abi_finish(now);
    sl_push(&impl, xstrdup("case XENVER_version: return 0;"));
    in.hypercall_table = "HYPERCALL(__HYPERVISOR_new, do_new, 1)\n";
    deprecations_evaluate(&in, &r);
    CU_ASSERT_EQUAL(count_rule(&r, "implementation-gone"), 2);
    dep_report_free(&r);
    sl_free(&impl);
    sl_push(&impl, xstrdup("case XENVER_version: case XENVER_old: return 0;"));
    in.hypercall_table = "HYPERCALL(__HYPERVISOR_old, do_old, 1)\n";
    deprecations_evaluate(&in, &r);
    CU_ASSERT_EQUAL(r.nviolations, 0);
    dep_report_free(&r);
    sl_free(&impl);
    abi_free(now);
}

void unit_register_rules(void)
{
    CU_pSuite s = CU_add_suite("rules", NULL, NULL);

    CU_add_test(s, "release numbers", test_versions);
    CU_add_test(s, "sentinel names", test_sentinel_names);
    CU_add_test(s, "sub-op implementation lookup", test_impl_mentions);
    CU_add_test(s, "hypercall table lookup", test_table_mentions);
    CU_add_test(s, "@abi tag scanning", test_tags_scan);
    CU_add_test(s, "tag versions against releases", test_tag_versions);
    CU_add_test(s, "policy file", test_policy);
    CU_add_test(s, "removal before and after the window", test_removal_window);
    CU_add_test(s, "deprecated hypercall and sub-op implementations", test_implementation_gone);
}
