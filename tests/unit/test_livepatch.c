/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sysctl XEN_SYSCTL_livepatch_op end to end against the fake arch: payloads
 * go through guest memory and the hypercall, APPLY really rewrites a
 * function of this binary (so version_op and xen_version answer "Hello
 * World"), REVERT puts it back. Every rule of the state machine, the hooks,
 * the expectations, the rendezvous (with threads as CPUs, and a CPU that
 * never comes) and a corpus of malformed payloads, each rejected with its
 * own error and the payload list unchanged.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <public/errno.h>
#include <public/sysctl.h>
#include <public/version.h>
#include <public/xen.h>
#include <xen/config.h>
#include <xen/livepatch.h>
#include <xen/version.h>

#include "helpers.h"

#include "payloads.h"

int fake_nop_target(void);

/* Guest memory layout. */
#define OP 0x1000      /* struct xen_sysctl */
#define NAME 0x2000    /* payload name */
#define LSTATUS 0x3000 /* LIST arrays */
#define LNAMES 0x4000
#define LLEN 0x8000
#define IMAGE 0x10000  /* payload image */
#define IMAGE_MAX (TEST_RAM_BYTES - IMAGE)

static struct xen_sysctl *op(void)
{
    return (struct xen_sysctl *)gmem(dom_ctl, OP);
}

static void set_name(struct xen_livepatch_name *n, const char *name)
{
    strcpy((char *)gmem(dom_ctl, NAME), name);
    n->name.q = gva(NAME);
    n->size = (uint16_t)(strlen(name) + 1);
}

static long lp_call(uint32_t cmd)
{
    op()->cmd = XEN_SYSCTL_livepatch_op;
    op()->interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    op()->u.livepatch.cmd = cmd;
    return hcall(__HYPERVISOR_sysctl, gva(OP), 0, 0, 0, 0);
}

static long upload_bytes(const char *name, const void *img, size_t size)
{
    memset(op(), 0, sizeof(*op()));
    set_name(&op()->u.livepatch.u.upload.name, name);
    if (size <= IMAGE_MAX)
        memcpy(gmem(dom_ctl, IMAGE), img, size);
    op()->u.livepatch.u.upload.size = size;
    op()->u.livepatch.u.upload.payload.q = gva(IMAGE);
    return lp_call(XEN_SYSCTL_LIVEPATCH_UPLOAD);
}

#define UPLOAD(name, p) upload_bytes(name, p, (size_t)(p##_end - p))

static void prep_action(const char *name, uint32_t cmd, uint32_t flags, uint32_t timeout)
{
    memset(op(), 0, sizeof(*op()));
    set_name(&op()->u.livepatch.u.action.name, name);
    op()->u.livepatch.u.action.cmd = cmd;
    op()->u.livepatch.u.action.flags = flags;
    op()->u.livepatch.u.action.timeout = timeout;
}

static long action(const char *name, uint32_t cmd, uint32_t flags, uint32_t timeout)
{
    prep_action(name, cmd, flags, timeout);
    return lp_call(XEN_SYSCTL_LIVEPATCH_ACTION);
}

#define APPLY(n) action(n, LIVEPATCH_ACTION_APPLY, 0, 0)
#define REVERT(n) action(n, LIVEPATCH_ACTION_REVERT, 0, 0)
#define REPLACE(n) action(n, LIVEPATCH_ACTION_REPLACE, 0, 0)
#define UNLOAD(n) action(n, LIVEPATCH_ACTION_UNLOAD, 0, 0)

/* GET: the state, or -errno. */
static long get_state(const char *name, int32_t *rc)
{
    long r;

    memset(op(), 0, sizeof(*op()));
    set_name(&op()->u.livepatch.u.get.name, name);
    r = lp_call(XEN_SYSCTL_LIVEPATCH_GET);
    if (r)
        return r;
    if (rc)
        *rc = op()->u.livepatch.u.get.status.rc;
    return op()->u.livepatch.u.get.status.state;
}

static long list(uint32_t idx, uint32_t nr)
{
    struct xen_sysctl_livepatch_list *l = &op()->u.livepatch.u.list;

    memset(op(), 0, sizeof(*op()));
    l->idx = idx;
    l->nr = nr;
    l->status.q = gva(LSTATUS);
    l->name.q = gva(LNAMES);
    l->len.q = gva(LLEN);
    return lp_call(XEN_SYSCTL_LIVEPATCH_LIST);
}

static const char *listed_name(unsigned int i)
{
    return (const char *)gmem(dom_ctl, LNAMES + i * XEN_LIVEPATCH_NAME_SIZE);
}

/* Number of payloads and the generation. */
static void list_state(long *count, uint32_t *version)
{
    *count = list(0, 64);
    *version = op()->u.livepatch.u.list.version;
}

/* What VERSION_extraversion and XENVER_extraversion say, compared with s. */
static int extraversion_is(const char *s)
{
    char buf[64] = {0};
    long n = hcall(__HYPERVISOR_version_op, VERSION_extraversion, gva(0x9000), 32, 0, 0);

    if (n < 0 || (size_t)n != strlen(s) || memcmp(gmem(dom_ctl, 0x9000), s, (size_t)n))
        return 0;
    if (hcall(__HYPERVISOR_xen_version, XENVER_extraversion, gva(0x9100), 0, 0, 0))
        return 0;
    memcpy(buf, gmem(dom_ctl, 0x9100), sizeof(xen_extraversion_t));
    return !strcmp(buf, s);
}

static int setup(void)
{
    if (suite_setup() || fake_build_id_init())
        return -1;
    return 0;
}

static int teardown(void)
{
    livepatch_reset();
    return suite_teardown();
}

static void reset(void)
{
    test_reset();
    livepatch_reset();
    fake_lp_counter = 0;
    fake_kick = NULL;
    memset(fake_cpu_online + 1, 0, (CONFIG_NR_CPUS - 1) * sizeof(bool));
}

static void test_upload_get_list(void)
{
    long count;
    uint32_t v0, v1;
    int32_t rc = 99;

    reset();
    list_state(&count, &v0);
    CU_ASSERT_EQUAL(count, 0);
    CU_ASSERT_EQUAL(UPLOAD("hello", world_hello), 0);
    CU_ASSERT_EQUAL(get_state("hello", &rc), LIVEPATCH_STATE_CHECKED);
    CU_ASSERT_EQUAL(rc, 0);
    CU_ASSERT_EQUAL(get_state("nobody", NULL), -XEN_ENOENT);
    list_state(&count, &v1);
    CU_ASSERT_EQUAL(count, 1);
    CU_ASSERT_NOT_EQUAL(v1, v0);
    CU_ASSERT_STRING_EQUAL(listed_name(0), "hello");
    CU_ASSERT_EQUAL(*(uint32_t *)gmem(dom_ctl, LLEN), 6);
    CU_ASSERT_EQUAL(((struct xen_livepatch_status *)gmem(dom_ctl, LSTATUS))->state,
                    LIVEPATCH_STATE_CHECKED);
    /* The same name again, or the same build-id under another name. */
    CU_ASSERT_EQUAL(UPLOAD("hello", world_bye), -XEN_EEXIST);
    CU_ASSERT_EQUAL(UPLOAD("hello-again", world_hello), -XEN_EEXIST);
    list_state(&count, &v0);
    CU_ASSERT_EQUAL(count, 1);
    CU_ASSERT_EQUAL(v0, v1);
    /* Only CHECKED payloads unload; then the name is free again. */
    CU_ASSERT_EQUAL(UNLOAD("hello"), 0);
    CU_ASSERT_EQUAL(get_state("hello", NULL), -XEN_ENOENT);
    CU_ASSERT_EQUAL(UNLOAD("hello"), -XEN_ENOENT);
    CU_ASSERT_EQUAL(livepatch_pool_in_use(), 0);
}

static void test_list_paging(void)
{
    struct xen_sysctl_livepatch_list *l = &op()->u.livepatch.u.list;

    reset();
    /* An index past the end of an empty list: no entries, none left (as Xen). */
    CU_ASSERT_EQUAL(list(5, 2), 0);
    CU_ASSERT_EQUAL(l->nr, 0);
    CU_ASSERT_EQUAL(UPLOAD("a", world_hello), 0);
    CU_ASSERT_EQUAL(UPLOAD("b", world_replace), 0);
    CU_ASSERT_EQUAL(UPLOAD("c", world_nop), 0);
    CU_ASSERT_EQUAL(list(0, 2), 2);
    CU_ASSERT_EQUAL(l->nr, 1); /* one left after these */
    CU_ASSERT_STRING_EQUAL(listed_name(0), "a");
    CU_ASSERT_STRING_EQUAL(listed_name(1), "b");
    CU_ASSERT_EQUAL(l->name_total_size, 4);
    CU_ASSERT_EQUAL(list(2, 2), 1);
    CU_ASSERT_EQUAL(l->nr, 0);
    CU_ASSERT_STRING_EQUAL(listed_name(0), "c");
    CU_ASSERT_EQUAL(list(3, 2), -XEN_EINVAL);
    CU_ASSERT_EQUAL(list(0, 0), 0);
    CU_ASSERT_EQUAL(l->nr, 3);
    CU_ASSERT_EQUAL(list(0, 1025), -XEN_E2BIG);
    list(0, 1);
    l->pad = 1;
    CU_ASSERT_EQUAL(lp_call(XEN_SYSCTL_LIVEPATCH_LIST), -XEN_EINVAL);
    list(0, 1);
    l->status.q = 0;
    CU_ASSERT_EQUAL(lp_call(XEN_SYSCTL_LIVEPATCH_LIST), -XEN_EINVAL);
    list(0, 1);
    l->name.q = gva(TEST_RAM_BYTES);
    CU_ASSERT_EQUAL(lp_call(XEN_SYSCTL_LIVEPATCH_LIST), -XEN_EFAULT);
    /* A removal in the middle changes the generation and the order closes up. */
    CU_ASSERT_EQUAL(UNLOAD("b"), 0);
    CU_ASSERT_EQUAL(list(0, 8), 2);
    CU_ASSERT_STRING_EQUAL(listed_name(1), "c");
}

static void test_apply_revert(void)
{
    int32_t rc;

    reset();
    CU_ASSERT_TRUE(extraversion_is(".0"));
    CU_ASSERT_EQUAL(UPLOAD("hello", world_hello), 0);
    CU_ASSERT_EQUAL(fake_lp_counter, 0); /* no hook runs at upload */
    CU_ASSERT_EQUAL(APPLY("hello"), 0);
    CU_ASSERT_TRUE(extraversion_is("Hello World"));
    CU_ASSERT_EQUAL(get_state("hello", &rc), LIVEPATCH_STATE_APPLIED);
    CU_ASSERT_EQUAL(rc, 0);
    /* pre-apply 1, load 10000, post-apply 10 */
    CU_ASSERT_EQUAL(fake_lp_counter, 10011);
    CU_ASSERT_EQUAL(APPLY("hello"), -XEN_EINVAL);
    CU_ASSERT_EQUAL(UNLOAD("hello"), -XEN_EINVAL);
    CU_ASSERT_EQUAL(REPLACE("hello"), -XEN_EINVAL);
    CU_ASSERT_EQUAL(REVERT("hello"), 0);
    CU_ASSERT_TRUE(extraversion_is(".0"));
    /* pre-revert 100, unload 100000, post-revert 1000 */
    CU_ASSERT_EQUAL(fake_lp_counter, 111111);
    CU_ASSERT_EQUAL(get_state("hello", NULL), LIVEPATCH_STATE_CHECKED);
    CU_ASSERT_EQUAL(REVERT("hello"), -XEN_EINVAL);
    /* Applied again after a revert: still works. */
    CU_ASSERT_EQUAL(APPLY("hello"), 0);
    CU_ASSERT_TRUE(extraversion_is("Hello World"));
    CU_ASSERT_EQUAL(REVERT("hello"), 0);
    CU_ASSERT_EQUAL(UNLOAD("hello"), 0);
    CU_ASSERT_EQUAL(action("hello", 99, 0, 0), -XEN_ENOENT);
}

static void test_stack(void)
{
    reset();
    /* bye calls hello's hello_stamp(): with hello not loaded it does not link. */
    CU_ASSERT_EQUAL(UPLOAD("bye", world_bye), -XEN_ENOENT);
    CU_ASSERT_EQUAL(UPLOAD("hello", world_hello), 0);
    CU_ASSERT_EQUAL(UPLOAD("bye", world_bye), 0);
    /* bye stacks on hello's build-id, not on the bare hypervisor. */
    CU_ASSERT_EQUAL(APPLY("bye"), -XEN_EINVAL);
    CU_ASSERT_EQUAL(get_state("bye", NULL), LIVEPATCH_STATE_CHECKED);
    CU_ASSERT_EQUAL(APPLY("hello"), 0);
    CU_ASSERT_EQUAL(APPLY("bye"), 0);
    CU_ASSERT_TRUE(extraversion_is("Bye World"));
    /* Only the top of the stack may be reverted. */
    CU_ASSERT_EQUAL(REVERT("hello"), -XEN_EBUSY);
    CU_ASSERT_TRUE(extraversion_is("Bye World"));
    /* Unloading hello while bye uses its symbol is refused by state (APPLIED). */
    CU_ASSERT_EQUAL(UNLOAD("hello"), -XEN_EINVAL);
    CU_ASSERT_EQUAL(REVERT("bye"), 0);
    CU_ASSERT_TRUE(extraversion_is("Hello World"));
    CU_ASSERT_EQUAL(REVERT("hello"), 0);
    CU_ASSERT_TRUE(extraversion_is(".0"));
    CU_ASSERT_EQUAL(UNLOAD("bye"), 0);
    CU_ASSERT_EQUAL(UNLOAD("hello"), 0);
    CU_ASSERT_EQUAL(livepatch_pool_in_use(), 0);
}

static void test_replace(void)
{
    reset();
    CU_ASSERT_EQUAL(UPLOAD("hello", world_hello), 0);
    CU_ASSERT_EQUAL(UPLOAD("bye", world_bye), 0);
    CU_ASSERT_EQUAL(UPLOAD("replace", world_replace), 0);
    CU_ASSERT_EQUAL(APPLY("hello"), 0);
    CU_ASSERT_EQUAL(APPLY("bye"), 0);
    fake_lp_counter = 0;
    CU_ASSERT_EQUAL(REPLACE("replace"), 0);
    CU_ASSERT_TRUE(extraversion_is("Replaced World"));
    CU_ASSERT_EQUAL(get_state("hello", NULL), LIVEPATCH_STATE_CHECKED);
    CU_ASSERT_EQUAL(get_state("bye", NULL), LIVEPATCH_STATE_CHECKED);
    CU_ASSERT_EQUAL(get_state("replace", NULL), LIVEPATCH_STATE_APPLIED);
    /* Two payloads reverted (pre, unload, post each), one applied (pre, load, post). */
    CU_ASSERT_EQUAL(fake_lp_counter, 2 * 101100 + 10011);
    /* bye does not stack on replace. */
    CU_ASSERT_EQUAL(APPLY("bye"), -XEN_EINVAL);
    CU_ASSERT_EQUAL(REVERT("replace"), 0);
    CU_ASSERT_TRUE(extraversion_is(".0"));
    /* REPLACE with nothing applied is a plain apply. */
    CU_ASSERT_EQUAL(REPLACE("hello"), 0);
    CU_ASSERT_TRUE(extraversion_is("Hello World"));
    CU_ASSERT_EQUAL(REVERT("hello"), 0);
}

static void test_veto(void)
{
    unsigned int applies = fake_lp_applies;
    int32_t rc = 0;

    reset();
    CU_ASSERT_EQUAL(UPLOAD("veto", world_veto), 0);
    CU_ASSERT_EQUAL(APPLY("veto"), -XEN_ENODATA);
    CU_ASSERT_EQUAL(get_state("veto", &rc), LIVEPATCH_STATE_CHECKED);
    CU_ASSERT_EQUAL(rc, -XEN_ENODATA);
    CU_ASSERT_TRUE(extraversion_is(".0"));
    CU_ASSERT_EQUAL(fake_lp_counter, 1); /* only the pre-apply hook ran */
    CU_ASSERT_EQUAL(fake_lp_applies, applies);
}

static void test_nop_and_expectations(void)
{
    reset();
    CU_ASSERT_EQUAL(fake_nop_target(), 1);
    CU_ASSERT_EQUAL(UPLOAD("nop", world_nop), 0);
    CU_ASSERT_EQUAL(UPLOAD("expect_ok", world_expect_ok), 0);
    CU_ASSERT_EQUAL(UPLOAD("expect_fail", world_expect_fail), 0);
    CU_ASSERT_EQUAL(APPLY("expect_fail"), -XEN_EINVAL);
    CU_ASSERT_EQUAL(get_state("expect_fail", NULL), LIVEPATCH_STATE_CHECKED);
    CU_ASSERT_EQUAL(fake_nop_target(), 1);
    CU_ASSERT_EQUAL(APPLY("nop"), 0);
    CU_ASSERT_EQUAL(fake_nop_target(), 7);
    CU_ASSERT_EQUAL(REVERT("nop"), 0);
    CU_ASSERT_EQUAL(fake_nop_target(), 1);
    CU_ASSERT_EQUAL(APPLY("expect_ok"), 0);
    CU_ASSERT_EQUAL(fake_nop_target(), 7);
    CU_ASSERT_EQUAL(REVERT("expect_ok"), 0);
    CU_ASSERT_EQUAL(fake_nop_target(), 1);
}

static void test_depends(void)
{
    reset();
    CU_ASSERT_EQUAL(UPLOAD("bad_dep", world_bad_dep), 0);
    CU_ASSERT_EQUAL(APPLY("bad_dep"), -XEN_EINVAL);
    CU_ASSERT_EQUAL(REPLACE("bad_dep"), -XEN_EINVAL);
    CU_ASSERT_EQUAL(action("bad_dep", LIVEPATCH_ACTION_APPLY, 2, 0), -XEN_EINVAL);
    /* NODEPS skips the build-id check, as in Xen. */
    CU_ASSERT_EQUAL(action("bad_dep", LIVEPATCH_ACTION_APPLY, LIVEPATCH_ACTION_APPLY_NODEPS, 0),
                    0);
    CU_ASSERT_TRUE(extraversion_is("Other World"));
    CU_ASSERT_EQUAL(REVERT("bad_dep"), 0);
    CU_ASSERT_TRUE(extraversion_is(".0"));
}

static void test_rendezvous_timeout(void)
{
    unsigned int applies = fake_lp_applies;

    reset();
    fake_cpu_online[1] = true; /* a CPU that never answers the IPI */
    CU_ASSERT_EQUAL(UPLOAD("hello", world_hello), 0);
    CU_ASSERT_EQUAL(action("hello", LIVEPATCH_ACTION_APPLY, 0, 2000000), -XEN_EBUSY);
    CU_ASSERT_EQUAL(fake_lp_applies, applies);
    CU_ASSERT_TRUE(extraversion_is(".0"));
    CU_ASSERT_EQUAL(get_state("hello", NULL), LIVEPATCH_STATE_CHECKED);
    fake_cpu_online[1] = false;
    CU_ASSERT_EQUAL(APPLY("hello"), 0);
    CU_ASSERT_EQUAL(REVERT("hello"), 0);
}

/* CPUs 1..3 as threads that keep looking for a rendezvous, as an idle loop does. */
static volatile int cpus_stop;
static pthread_t cpu_threads[3];

static void *cpu_thread(void *arg)
{
    fake_cpu = (unsigned int)(uintptr_t)arg;
    while (!cpus_stop)
        livepatch_rendezvous_cpu();
    return NULL;
}

static void test_rendezvous_cpus(void)
{
    unsigned int posts, i;

    reset();
    cpus_stop = 0;
    for (i = 0; i < 3; i++) {
        fake_cpu_online[i + 1] = true;
        CU_ASSERT_EQUAL_FATAL(
            pthread_create(&cpu_threads[i], NULL, cpu_thread, (void *)(uintptr_t)(i + 1)), 0);
    }
    CU_ASSERT_EQUAL(UPLOAD("hello", world_hello), 0);
    posts = fake_lp_post_actions;
    /* A long timeout: the threads share two host cores with whatever else runs. */
    CU_ASSERT_EQUAL(action("hello", LIVEPATCH_ACTION_APPLY, 0, 4000000000U), 0);
    /* Every CPU, the master included, discarded stale instructions. */
    CU_ASSERT_EQUAL(fake_lp_post_actions, posts + 4);
    CU_ASSERT_TRUE(extraversion_is("Hello World"));
    CU_ASSERT_EQUAL(action("hello", LIVEPATCH_ACTION_REVERT, 0, 4000000000U), 0);
    CU_ASSERT_EQUAL(fake_lp_post_actions, posts + 8);
    cpus_stop = 1;
    for (i = 0; i < 3; i++)
        pthread_join(cpu_threads[i], NULL);
    CU_ASSERT_TRUE(extraversion_is(".0"));
}

static void test_control_domain_only(void)
{
    reset();
    CU_ASSERT_EQUAL(UPLOAD("hello", world_hello), 0);
    memset(op(), 0, sizeof(*op()));
    op()->cmd = XEN_SYSCTL_livepatch_op;
    op()->interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    memcpy(gmem(dom_plain, OP), op(), sizeof(*op()));
    run_as(dom_plain);
    CU_ASSERT_EQUAL(hcall(__HYPERVISOR_sysctl, gva(OP), 0, 0, 0, 0), -XEN_EPERM);
    run_as(dom_ctl);
    CU_ASSERT_EQUAL(get_state("hello", NULL), LIVEPATCH_STATE_CHECKED);
}

static void test_bad_requests(void)
{
    struct xen_livepatch_name *n = &op()->u.livepatch.u.action.name;
    long count;
    uint32_t v0, v1;

    reset();
    CU_ASSERT_EQUAL(UPLOAD("hello", world_hello), 0);
    list_state(&count, &v0);
    memset(op(), 0, sizeof(*op()));
    op()->u.livepatch.pad = 1;
    CU_ASSERT_EQUAL(lp_call(XEN_SYSCTL_LIVEPATCH_GET), -XEN_EINVAL);
    memset(op(), 0, sizeof(*op()));
    CU_ASSERT_EQUAL(lp_call(7), -XEN_EOPNOTSUPP);
    CU_ASSERT_EQUAL(action("hello", 9, 0, 0), -XEN_EOPNOTSUPP);
    /* Names: empty, too long, not terminated, padding set, unreadable. */
    prep_action("hello", LIVEPATCH_ACTION_APPLY, 0, 0);
    n->size = 0;
    CU_ASSERT_EQUAL(lp_call(XEN_SYSCTL_LIVEPATCH_ACTION), -XEN_EINVAL);
    n->size = XEN_LIVEPATCH_NAME_SIZE + 1;
    CU_ASSERT_EQUAL(lp_call(XEN_SYSCTL_LIVEPATCH_ACTION), -XEN_EINVAL);
    n->size = 3; /* "hel" without its NUL */
    CU_ASSERT_EQUAL(lp_call(XEN_SYSCTL_LIVEPATCH_ACTION), -XEN_EINVAL);
    n->size = 6;
    n->pad[1] = 1;
    CU_ASSERT_EQUAL(lp_call(XEN_SYSCTL_LIVEPATCH_ACTION), -XEN_EINVAL);
    n->pad[1] = 0;
    n->name.q = gva(TEST_RAM_BYTES);
    CU_ASSERT_EQUAL(lp_call(XEN_SYSCTL_LIVEPATCH_ACTION), -XEN_EFAULT);
    prep_action("hello", LIVEPATCH_ACTION_APPLY, 0, 0);
    op()->u.livepatch.u.action.pad = 1;
    CU_ASSERT_EQUAL(lp_call(XEN_SYSCTL_LIVEPATCH_ACTION), -XEN_EINVAL);
    CU_ASSERT_EQUAL(action("hello", LIVEPATCH_ACTION_APPLY, 0x80, 0), -XEN_EINVAL);
    /* Upload: no bytes, an unreadable image. */
    CU_ASSERT_EQUAL(upload_bytes("x", world_hello, 0), -XEN_EINVAL);
    upload_bytes("x", world_hello, 64);
    op()->u.livepatch.u.upload.payload.q = gva(TEST_RAM_BYTES - 32);
    CU_ASSERT_EQUAL(lp_call(XEN_SYSCTL_LIVEPATCH_UPLOAD), -XEN_EFAULT);
    list_state(&count, &v1);
    CU_ASSERT_EQUAL(count, 1);
    CU_ASSERT_EQUAL(v1, v0);
    CU_ASSERT_EQUAL(get_state("hello", NULL), LIVEPATCH_STATE_CHECKED);
    CU_ASSERT_TRUE(extraversion_is(".0"));
}

/* ---- the malformed-payload corpus ---- */

static uint64_t img[2048];
static size_t img_size;

static Elf64_Ehdr *eh(void)
{
    return (Elf64_Ehdr *)img;
}

static Elf64_Shdr *sh(unsigned int i)
{
    return (Elf64_Shdr *)((uint8_t *)img + eh()->e_shoff) + i;
}

/* Section index by name in the image under test. */
static unsigned int sec(const char *name)
{
    const char *shstr = (const char *)img + sh(eh()->e_shstrndx)->sh_offset;
    unsigned int i;

    for (i = 1; i < eh()->e_shnum; i++)
        if (!strcmp(shstr + sh(i)->sh_name, name))
            return i;
    CU_FAIL("section not found");
    return 0;
}

static unsigned int sec_of_type(uint32_t type)
{
    unsigned int i;

    for (i = 1; i < eh()->e_shnum; i++)
        if (sh(i)->sh_type == type)
            return i;
    CU_FAIL("no section of that type");
    return 0;
}

static void fresh(void)
{
    img_size = (size_t)(world_hello_end - world_hello);
    CU_ASSERT_FATAL(img_size <= sizeof(img));
    memcpy(img, world_hello, img_size);
}

/* Upload the image under test: expect err and no change to the payload list. */
static void rejected(const char *what, long err)
{
    long count, rc;
    uint32_t v0, v1;
    size_t outstanding = livepatch_pool_in_use();

    list_state(&count, &v0);
    rc = upload_bytes("corpus", img, img_size);
    if (rc != err)
        fprintf(stderr, "\n  corpus \"%s\": got %ld, expected %ld\n", what, rc, err);
    CU_ASSERT_EQUAL(rc, err);
    list_state(&count, &v1);
    CU_ASSERT_EQUAL(count, 1);
    CU_ASSERT_EQUAL(v1, v0);
    CU_ASSERT_EQUAL(livepatch_pool_in_use(), outstanding);
}

#define REJECT_PAYLOAD(p, err)                                                                     \
    do {                                                                                           \
        img_size = (size_t)(p##_end - p);                                                          \
        memcpy(img, p, img_size);                                                                  \
        rejected(#p, err);                                                                         \
    } while (0)

static void test_malformed_corpus(void)
{
    Elf64_Sym *sym;
    Elf64_Rela *r;
    unsigned int i;
    long count;
    uint32_t v;

    reset();
    CU_ASSERT_EQUAL(UPLOAD("resident", world_replace), 0); /* the list must stay just this */
    list_state(&count, &v);

    fresh();
    img_size = sizeof(Elf64_Ehdr) - 8;
    rejected("truncated header", -XEN_EINVAL);
    fresh();
    img_size -= 16;
    rejected("truncated section table", -XEN_EINVAL);
    fresh();
    ((uint8_t *)img)[1] = 'X';
    rejected("bad magic", -XEN_EINVAL);
    fresh();
    eh()->e_machine = EM_AARCH64;
    rejected("wrong machine", -XEN_EOPNOTSUPP);
    REJECT_PAYLOAD(sample_aarch64, -XEN_EOPNOTSUPP);
    fresh();
    eh()->e_type = 2; /* ET_EXEC */
    rejected("wrong type", -XEN_EOPNOTSUPP);
    fresh();
    sh(sec(".text.new_extra_version"))->sh_offset = img_size + 4096;
    rejected("section offset past the end", -XEN_EINVAL);
    fresh();
    sh(sec(".text.new_extra_version"))->sh_size = img_size;
    rejected("section size past the end", -XEN_EINVAL);
    fresh();
    sh(sec(".livepatch.funcs"))->sh_offset = sh(sec(".text.new_extra_version"))->sh_offset;
    rejected("overlapping sections", -XEN_EINVAL);
    fresh();
    eh()->e_shnum = 0xfff0;
    rejected("e_shnum huge", -XEN_E2BIG);
    fresh();
    i = sh(sec_of_type(SHT_SYMTAB))->sh_link;
    ((uint8_t *)img)[sh(i)->sh_offset + sh(i)->sh_size - 1] = 'x';
    rejected("string table not NUL-terminated", -XEN_EINVAL);
    fresh();
    i = sec_of_type(SHT_RELA);
    r = (Elf64_Rela *)((uint8_t *)img + sh(i)->sh_offset);
    r->r_info = ((uint64_t)0xffff << 32) | (uint32_t)r->r_info;
    rejected("relocation symbol index out of range", -XEN_EINVAL);
    fresh();
    r = (Elf64_Rela *)((uint8_t *)img + sh(sec_of_type(SHT_RELA))->sh_offset);
    r->r_offset = 0x100000;
    rejected("relocation target outside its section", -XEN_EINVAL);
    fresh();
    sym = (Elf64_Sym *)((uint8_t *)img + sh(sec_of_type(SHT_SYMTAB))->sh_offset) + 1;
    sym->st_shndx = 0x7000;
    rejected("symbol in a section that does not exist", -XEN_EINVAL);
    fresh();
    sh(sec_of_type(SHT_RELA))->sh_type = SHT_REL;
    rejected("SHT_REL relocations", -XEN_EOPNOTSUPP);
    fresh();
    sh(sec(".text.new_extra_version"))->sh_addralign = 3;
    rejected("alignment not a power of two", -XEN_EINVAL);
    /* APPLY writes into .livepatch.funcs: it must be allocated, writable data. */
    fresh();
    sh(sec(".livepatch.funcs"))->sh_flags &= ~(uint64_t)SHF_WRITE;
    rejected(".livepatch.funcs not writable", -XEN_EACCES);
    fresh();
    sh(sec(".livepatch.funcs"))->sh_flags |= SHF_EXECINSTR;
    rejected(".livepatch.funcs executable", -XEN_EACCES);
    fresh();
    sh(sec(".livepatch.funcs"))->sh_flags &= ~(uint64_t)SHF_ALLOC;
    rejected(".livepatch.funcs not allocated", -XEN_EACCES);
    fresh();
    eh()->e_shstrndx = eh()->e_shnum;
    rejected("section-name table index out of range", -XEN_EINVAL);
    REJECT_PAYLOAD(lp_unsupported_reloc, -XEN_EOPNOTSUPP);
    REJECT_PAYLOAD(lp_abs32_overflow, -XEN_EOVERFLOW);
    REJECT_PAYLOAD(lp_no_build_id, -XEN_EINVAL);
    REJECT_PAYLOAD(lp_no_xen_id, -XEN_EINVAL);
    REJECT_PAYLOAD(lp_wrong_xen_id, -XEN_EINVAL);
    REJECT_PAYLOAD(lp_unknown_symbol, -XEN_ENOENT);
    REJECT_PAYLOAD(lp_unknown_old, -XEN_ENOENT);
    REJECT_PAYLOAD(lp_bad_version, -XEN_EINVAL);
    REJECT_PAYLOAD(lp_hook_outside_text, -XEN_EINVAL);
    REJECT_PAYLOAD(world_bad_old, -XEN_EINVAL); /* old_addr is data, not code */
    fresh();
    img_size = LIVEPATCH_MAX_SIZE + 1;
    rejected("oversized payload", -XEN_E2BIG);
    REJECT_PAYLOAD(world_replace, -XEN_EEXIST); /* the same build-id as "resident" */
    /* The same name as the resident payload. */
    CU_ASSERT_EQUAL(upload_bytes("resident", world_hello, (size_t)(world_hello_end - world_hello)),
                    -XEN_EEXIST);
    list_state(&count, &v);
    CU_ASSERT_EQUAL(count, 1);
    CU_ASSERT_STRING_EQUAL(listed_name(0), "resident");
}

int register_livepatch_tests(void)
{
    CU_pSuite s = CU_add_suite("livepatch", setup, teardown);

    if (!s)
        return -1;
    ADD_TEST(s, test_upload_get_list);
    ADD_TEST(s, test_list_paging);
    ADD_TEST(s, test_apply_revert);
    ADD_TEST(s, test_stack);
    ADD_TEST(s, test_replace);
    ADD_TEST(s, test_veto);
    ADD_TEST(s, test_nop_and_expectations);
    ADD_TEST(s, test_depends);
    ADD_TEST(s, test_rendezvous_timeout);
    ADD_TEST(s, test_rendezvous_cpus);
    ADD_TEST(s, test_control_domain_only);
    ADD_TEST(s, test_bad_requests);
    ADD_TEST(s, test_malformed_corpus);
    return 0;
}
