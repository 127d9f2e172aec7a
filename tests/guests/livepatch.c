// SPDX-License-Identifier: GPL-2.0-only
/*
 * Live-patch guest (control domain): uploads the test payloads embedded in
 * its image (tests/guests/livepatch_payloads.S), applies, stacks, reverts,
 * replaces and unloads them through sysctl XEN_SYSCTL_livepatch_op, and
 * after each step checks what VERSION_extraversion (version_op) and
 * XENVER_extraversion (xen_version) answer and what GET and LIST report.
 * TAP lines; the runner (tests/livepatch/run.sh) counts them.
 */
#include "guest.h"

#define EPERM_ (-1)
#define ENOENT_ (-2)
#define EBUSY_ (-16)
#define EEXIST_ (-17)
#define EINVAL_ (-22)
#define ENODATA_ (-61)

#define PAYLOAD(n) extern const uint8_t lp_##n[], lp_##n##_end[]
PAYLOAD(hello_world);
PAYLOAD(bye_world);
PAYLOAD(replace_world);
PAYLOAD(nop);
PAYLOAD(no_xen_buildid);
PAYLOAD(hooks);
PAYLOAD(prehook_veto);
PAYLOAD(expect_ok);
PAYLOAD(expect_fail);

static struct xen_sysctl op;
static char name_buf[XEN_LIVEPATCH_NAME_SIZE];
static const char *original; /* extraversion before any patch */
static char original_buf[64];

static long lp_call(uint32_t cmd)
{
    op.cmd = XEN_SYSCTL_livepatch_op;
    op.interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    op.u.livepatch.cmd = cmd;
    op.u.livepatch.pad = 0;
    return HYPERVISOR_sysctl(&op);
}

static void set_name(struct xen_livepatch_name *n, const char *name)
{
    strlcpy(name_buf, name, sizeof(name_buf));
    n->name.q = (uint64_t)(uintptr_t)name_buf;
    n->size = (uint16_t)(strlen(name) + 1);
    n->pad[0] = n->pad[1] = n->pad[2] = 0;
}

static long upload(const char *name, const uint8_t *start, const uint8_t *end)
{
    memset(&op, 0, sizeof(op));
    set_name(&op.u.livepatch.u.upload.name, name);
    op.u.livepatch.u.upload.size = (uint64_t)(end - start);
    op.u.livepatch.u.upload.payload.q = (uint64_t)(uintptr_t)start;
    return lp_call(XEN_SYSCTL_LIVEPATCH_UPLOAD);
}

#define UPLOAD(n) upload(#n, lp_##n, lp_##n##_end)

static long action(const char *name, uint32_t cmd)
{
    memset(&op, 0, sizeof(op));
    set_name(&op.u.livepatch.u.action.name, name);
    op.u.livepatch.u.action.cmd = cmd;
    /*
     * Under TCG on a shared host a vCPU thread may not run for tens of ms:
     * 2 s instead of the default 30 ms keeps the run from failing by chance.
     */
    op.u.livepatch.u.action.timeout = 2000000000U;
    return lp_call(XEN_SYSCTL_LIVEPATCH_ACTION);
}

/* GET: the state (1 CHECKED, 2 APPLIED) or -errno; *rc the last action's result. */
static long get(const char *name, int32_t *rc)
{
    long r;

    memset(&op, 0, sizeof(op));
    set_name(&op.u.livepatch.u.get.name, name);
    r = lp_call(XEN_SYSCTL_LIVEPATCH_GET);
    if (r)
        return r;
    if (rc)
        *rc = op.u.livepatch.u.get.status.rc;
    return op.u.livepatch.u.get.status.state;
}

static struct xen_livepatch_status list_status[16];
static char list_names[16][XEN_LIVEPATCH_NAME_SIZE];
static uint32_t list_len[16];

/* LIST from idx, room for nr: the number reported or -errno. */
static long list(uint32_t idx, uint32_t nr)
{
    struct xen_sysctl_livepatch_list *l = &op.u.livepatch.u.list;

    memset(&op, 0, sizeof(op));
    memset(list_names, 0, sizeof(list_names));
    l->idx = idx;
    l->nr = nr;
    l->status.q = (uint64_t)(uintptr_t)list_status;
    l->name.q = (uint64_t)(uintptr_t)list_names;
    l->len.q = (uint64_t)(uintptr_t)list_len;
    return lp_call(XEN_SYSCTL_LIVEPATCH_LIST);
}

/* Does LIST report exactly these payloads, in this order, with these states? */
static int list_is(const char *names, const uint32_t *states, unsigned int n)
{
    unsigned int i;
    const char *p = names;

    if (list(0, 16) != (long)n || op.u.livepatch.u.list.nr != 0)
        return 0;
    for (i = 0; i < n; i++, p += strlen(p) + 1)
        if (strcmp(list_names[i], p) != 0 || list_status[i].state != states[i] ||
            list_len[i] != strlen(p) + 1)
            return 0;
    return 1;
}

/* Both extraversion hypercalls answer s. */
static int extraversion_is(const char *s)
{
    char buf[64];
    xen_extraversion_t old;
    long n;

    memset(buf, 0, sizeof(buf));
    n = HYPERVISOR_version_op(VERSION_extraversion, buf, sizeof(buf) - 1);
    if (n != (long)strlen(s) || memcmp(buf, s, (size_t)n) != 0) {
        gprintf("version_op(VERSION_extraversion) = %ld \"%s\", expected \"%s\"\n", n, buf, s);
        return 0;
    }
    memset(old, 0, sizeof(old));
    if (HYPERVISOR_xen_version(XENVER_extraversion, old) != 0 || strcmp(old, s) != 0) {
        gprintf("xen_version(XENVER_extraversion) = \"%s\", expected \"%s\"\n", old, s);
        return 0;
    }
    return 1;
}

#define CHECKED LIVEPATCH_STATE_CHECKED
#define APPLIED LIVEPATCH_STATE_APPLIED

static void step(long r, long want, const char *what, const char *version)
{
    tap_ok(r == want, "%s: %ld (expected %ld)", what, r, want);
    tap_ok(extraversion_is(version), "after %s: version_op and xen_version say \"%s\"", what,
           version);
}

static void test_upload(void)
{
    static const uint32_t one_checked[] = {CHECKED};
    uint32_t version;
    int32_t rc = 1;

    tap_ok(list(0, 16) == 0, "LIST with nothing loaded reports 0 payloads");
    version = op.u.livepatch.u.list.version;
    step(UPLOAD(no_xen_buildid), EINVAL_, "UPLOAD no_xen_buildid is refused", original);
    tap_ok(list(0, 16) == 0 && op.u.livepatch.u.list.version == version,
           "a refused UPLOAD leaves LIST and its generation alone");
    step(UPLOAD(hello_world), 0, "UPLOAD hello_world", original);
    tap_ok(get("hello_world", &rc) == CHECKED && rc == 0, "GET hello_world: CHECKED, rc 0");
    tap_ok(list_is("hello_world", one_checked, 1), "LIST: hello_world CHECKED");
    tap_ok(op.u.livepatch.u.list.version != version, "LIST generation changed with the upload");
    tap_ok(UPLOAD(hello_world) == EEXIST_, "UPLOAD of the same name again is -EEXIST");
    tap_ok(upload("hello_again", lp_hello_world, lp_hello_world_end) == EEXIST_,
           "UPLOAD of the same build-id under another name is -EEXIST");
    tap_ok(get("nobody", NULL) == ENOENT_, "GET of an unknown name is -ENOENT");
}

static void test_stack(void)
{
    static const uint32_t states[] = {APPLIED, APPLIED, CHECKED};

    step(action("hello_world", LIVEPATCH_ACTION_APPLY), 0, "APPLY hello_world", "Hello World");
    tap_ok(get("hello_world", NULL) == APPLIED, "GET hello_world: APPLIED");
    step(action("hello_world", LIVEPATCH_ACTION_UNLOAD), EINVAL_,
         "UNLOAD of an applied payload is -EINVAL", "Hello World");
    step(UPLOAD(bye_world), 0, "UPLOAD bye_world", "Hello World");
    step(action("bye_world", LIVEPATCH_ACTION_APPLY), 0, "APPLY bye_world (stacks on hello_world)",
         "Bye World");
    step(action("hello_world", LIVEPATCH_ACTION_REVERT), EBUSY_,
         "REVERT of hello_world under bye_world is -EBUSY", "Bye World");
    step(UPLOAD(nop), 0, "UPLOAD nop", "Bye World");
    tap_ok(list_is("hello_world\0bye_world\0nop", states, 3),
           "LIST: hello_world APPLIED, bye_world APPLIED, nop CHECKED");
    step(action("nop", LIVEPATCH_ACTION_APPLY), 0, "APPLY nop (NOPs bye_world's first instruction)",
         "Bye World (nop)");
    step(action("nop", LIVEPATCH_ACTION_REVERT), 0, "REVERT nop", "Bye World");
    step(action("bye_world", LIVEPATCH_ACTION_REVERT), 0, "REVERT bye_world", "Hello World");
    step(action("nop", LIVEPATCH_ACTION_APPLY), EINVAL_,
         "APPLY nop without bye_world on top is -EINVAL", "Hello World");
    step(action("hello_world", LIVEPATCH_ACTION_REVERT), 0, "REVERT hello_world", original);
    tap_ok(get("hello_world", NULL) == CHECKED, "GET hello_world: CHECKED again");
}

static void test_replace(void)
{
    step(UPLOAD(replace_world), 0, "UPLOAD replace_world", original);
    step(action("hello_world", LIVEPATCH_ACTION_APPLY), 0, "APPLY hello_world", "Hello World");
    step(action("bye_world", LIVEPATCH_ACTION_APPLY), 0, "APPLY bye_world", "Bye World");
    step(action("replace_world", LIVEPATCH_ACTION_REPLACE), 0,
         "REPLACE with replace_world (old_addr found by name)", "Replace World");
    tap_ok(get("hello_world", NULL) == CHECKED && get("bye_world", NULL) == CHECKED &&
               get("replace_world", NULL) == APPLIED,
           "GET after REPLACE: hello_world and bye_world CHECKED, replace_world APPLIED");
    step(action("replace_world", LIVEPATCH_ACTION_REVERT), 0, "REVERT replace_world", original);
}

static void test_hooks(void)
{
    int32_t rc = 0;
    long n;

    step(UPLOAD(hooks), 0, "UPLOAD hooks", original);
    step(action("hooks", LIVEPATCH_ACTION_APPLY), 0, "APPLY hooks: pre/post apply ran once",
         "hooks 1 1 0 0");
    step(action("hooks", LIVEPATCH_ACTION_REVERT), 0, "REVERT hooks", original);
    step(action("hooks", LIVEPATCH_ACTION_APPLY), 0,
         "APPLY hooks again: apply hooks twice, revert hooks once", "hooks 2 2 1 1");
    step(action("hooks", LIVEPATCH_ACTION_REVERT), 0, "REVERT hooks again", original);
    step(UPLOAD(prehook_veto), 0, "UPLOAD prehook_veto", original);
    step(action("prehook_veto", LIVEPATCH_ACTION_APPLY), ENODATA_,
         "APPLY prehook_veto: its pre-apply hook's -ENODATA", original);
    n = get("prehook_veto", &rc);
    tap_ok(n == CHECKED && rc == ENODATA_, "GET prehook_veto: still CHECKED, rc -ENODATA (%d)", rc);
}

static void test_expect(void)
{
    step(UPLOAD(expect_fail), 0, "UPLOAD expect_fail", original);
    step(action("expect_fail", LIVEPATCH_ACTION_APPLY), EINVAL_,
         "APPLY expect_fail: the bytes at xen_extra_version differ", original);
    step(UPLOAD(expect_ok), 0, "UPLOAD expect_ok", original);
    step(action("expect_ok", LIVEPATCH_ACTION_APPLY), 0, "APPLY expect_ok", "Expected World");
    step(action("expect_ok", LIVEPATCH_ACTION_REVERT), 0, "REVERT expect_ok", original);
}

static void test_list_and_unload(void)
{
    static const char *const all[] = {"hello_world", "bye_world", "nop", "replace_world",
                                      "hooks", "prehook_veto", "expect_fail", "expect_ok"};
    struct xen_sysctl_livepatch_list *l = &op.u.livepatch.u.list;
    uint32_t version;
    unsigned int i;
    int ok = 1;

    tap_ok(list(0, 3) == 3 && l->nr == 5 && !strcmp(list_names[0], "hello_world") &&
               !strcmp(list_names[2], "nop"),
           "LIST page 1: 3 of 8, 5 left");
    tap_ok(list(6, 3) == 2 && l->nr == 0 && !strcmp(list_names[1], "expect_ok"),
           "LIST page 3: the last 2");
    tap_ok(list(8, 3) == EINVAL_, "LIST from past the end is -EINVAL");
    list(0, 0);
    version = l->version;
    for (i = 0; i < sizeof(all) / sizeof(all[0]); i++)
        ok &= action(all[i], LIVEPATCH_ACTION_UNLOAD) == 0;
    tap_ok(ok, "UNLOAD of all 8 CHECKED payloads");
    tap_ok(list(0, 16) == 0 && l->version != version,
           "LIST: nothing loaded, new generation");
    tap_ok(action("hello_world", LIVEPATCH_ACTION_UNLOAD) == ENOENT_,
           "UNLOAD of an unloaded payload is -ENOENT");
    tap_ok(extraversion_is(original), "the hypervisor answers as before any patch");
    step(UPLOAD(hello_world), 0, "UPLOAD hello_world after UNLOAD", original);
    step(action("hello_world", LIVEPATCH_ACTION_APPLY), 0, "APPLY it once more", "Hello World");
    step(action("hello_world", LIVEPATCH_ACTION_REVERT), 0, "REVERT it", original);
    tap_ok(action("hello_world", LIVEPATCH_ACTION_UNLOAD) == 0, "UNLOAD it");
}

/*
 * "bench" in the bootargs: time UPLOAD + APPLY of hello_world with the
 * generic counter (under QEMU -icount shift=0 virtual ns are instructions),
 * then put everything back.
 */
static void bench(void)
{
    uint64_t t0, t1, freq = arch_counter_freq();
    long up, ap;

    t0 = arch_counter();
    up = UPLOAD(hello_world);
    ap = action("hello_world", LIVEPATCH_ACTION_APPLY);
    t1 = arch_counter();
    tap_ok(up == 0 && ap == 0 && extraversion_is("Hello World"), "bench: hello_world applied");
    gprintf("livepatch bench: UPLOAD+APPLY of hello_world took %lu ns\n",
            (unsigned long)((t1 - t0) * 1000000000ULL / freq));
    tap_ok(action("hello_world", LIVEPATCH_ACTION_REVERT) == 0 &&
               action("hello_world", LIVEPATCH_ACTION_UNLOAD) == 0,
           "bench: hello_world reverted and unloaded");
}

void guest_main(void *boot_info)
{
    uint64_t start;
    long n;

    if (strstr_simple(arch_boot_args(boot_info), "bench")) {
        bench();
        tap_plan_end();
        guest_shutdown(SHUTDOWN_poweroff);
    }

    memset(original_buf, 0, sizeof(original_buf));
    n = HYPERVISOR_version_op(VERSION_extraversion, original_buf, sizeof(original_buf) - 1);
    original = original_buf;
    start = arch_counter();
    gprintf("livepatch guest: extraversion \"%s\" (%ld bytes)\n", original, n);
    test_upload();
    test_stack();
    test_replace();
    test_hooks();
    test_expect();
    test_list_and_unload();
    gprintf("livepatch guest: done after %lu ms of counter time\n",
            (unsigned long)((arch_counter() - start) / (arch_counter_freq() / 1000)));
    tap_plan_end();
    guest_shutdown(SHUTDOWN_poweroff);
}
