/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Payloads for the state-machine tests (tests/unit/test_livepatch.c), one
 * source built once per -DWORLD_* variant by tests/unit/suite.mk:
 *   HELLO       xen_extra_version() -> "Hello World", stacks on the hypervisor,
 *               counts its hooks in the hypervisor's fake_lp_counter
 *   BYE         -> "Bye World", stacks on HELLO, calls HELLO's exported
 *               hello_stamp() (a symbol resolved against an earlier payload)
 *   REPLACE     -> "Replaced World", for REPLACE (stacks on the hypervisor)
 *   VETO        its pre-apply hook says no
 *   NOP         NOPs the first instruction of fake_nop_target (new_addr 0)
 *   EXPECT_OK / EXPECT_FAIL  NOP with expected bytes that match / do not
 *   BAD_DEP     stacks on a build-id nobody has
 *   BAD_OLD     "patches" a hypervisor variable, not code: refused at UPLOAD
 */
#include <stdint.h>

#include <public/sysctl.h>

#define TEST_XEN_ID 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, \
                    0xdd, 0xee, 0xff, 0x01, 0x02, 0x03, 0x04, 0x05
#define ID(v) v, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xab, 0xac, 0xad, \
              0xae, 0xaf, 0xb0, 0xb1, 0xb2, 0xb3

struct build_id_note {
    uint32_t namesz, descsz, type;
    char name[4];
    uint8_t desc[20];
};

#define NOTE(var, sec, ...)                                                                        \
    static const struct build_id_note var __attribute__((section(sec), used, aligned(4))) = {            \
        4, 20, 3, "GNU", {__VA_ARGS__}}

#if defined(WORLD_HELLO)
#define VARIANT 1
#elif defined(WORLD_BYE)
#define VARIANT 2
#elif defined(WORLD_REPLACE)
#define VARIANT 3
#elif defined(WORLD_VETO)
#define VARIANT 4
#elif defined(WORLD_NOP)
#define VARIANT 5
#elif defined(WORLD_EXPECT_OK)
#define VARIANT 6
#elif defined(WORLD_EXPECT_FAIL)
#define VARIANT 7
#elif defined(WORLD_BAD_DEP)
#define VARIANT 8
#elif defined(WORLD_BAD_OLD)
#define VARIANT 9
#else
#error "define one WORLD_* variant"
#endif

NOTE(payload_id, ".note.gnu.build-id", ID(VARIANT));
NOTE(xen_dep, ".livepatch.xen_depends", TEST_XEN_ID);
#if defined(WORLD_BYE)
NOTE(dep, ".livepatch.depends", ID(1)); /* HELLO's build-id */
#elif defined(WORLD_BAD_DEP)
NOTE(dep, ".livepatch.depends", ID(0x77));
#else
NOTE(dep, ".livepatch.depends", TEST_XEN_ID);
#endif

extern uint64_t fake_lp_counter; /* a hypervisor variable */

#define HOOK(kind, type, fn) \
    static type (*const fn##_ptr)(void) __attribute__((section(".livepatch.hooks." kind), used)) = fn

static int pre_apply(void)
{
    fake_lp_counter += 1;
#ifdef WORLD_VETO
    return -61; /* -ENODATA: a distinctive veto */
#else
    return 0;
#endif
}
static void post_apply(void)
{
    fake_lp_counter += 10;
}
static int pre_revert(void)
{
    fake_lp_counter += 100;
    return 0;
}
static void post_revert(void)
{
    fake_lp_counter += 1000;
}
static void on_load(void)
{
    fake_lp_counter += 10000;
}
static void on_unload(void)
{
    fake_lp_counter += 100000;
}
HOOK("preapply", int, pre_apply);
HOOK("postapply", void, post_apply);
HOOK("prerevert", int, pre_revert);
HOOK("postrevert", void, post_revert);
HOOK("load", void, on_load);
HOOK("unload", void, on_unload);

#if defined(WORLD_NOP) || defined(WORLD_EXPECT_OK) || defined(WORLD_EXPECT_FAIL)
/* fake_nop_target starts with a two-byte jmp (EB 06) over "mov $7, %eax; ret". */
static struct livepatch_func funcs[] __attribute__((section(".livepatch.funcs"), used)) = {{
    .name = (uint64_t)(uintptr_t) "fake_nop_target",
    .new_addr = 0,
    .new_size = 2,
    .old_size = 12,
    .version = LIVEPATCH_PAYLOAD_VERSION,
#if defined(WORLD_EXPECT_OK)
    .expect = {.flags = LIVEPATCH_EXPECT_ENABLED | (2 << LIVEPATCH_EXPECT_LEN_SHIFT),
               .data = {0xeb, 0x06}},
#elif defined(WORLD_EXPECT_FAIL)
    .expect = {.flags = LIVEPATCH_EXPECT_ENABLED | (2 << LIVEPATCH_EXPECT_LEN_SHIFT),
               .data = {0xeb, 0x05}},
#endif
}};
#else
#if defined(WORLD_HELLO)
int hello_stamp(void);
int hello_stamp(void)
{
    return 42;
}
#define TEXT "Hello World"
#elif defined(WORLD_BYE)
int hello_stamp(void); /* HELLO's, found among the loaded payloads */
#define TEXT (hello_stamp() == 42 ? "Bye World" : "Bye?")
#elif defined(WORLD_REPLACE)
#define TEXT "Replaced World"
#else
#define TEXT "Other World"
#endif

static const char *new_extra_version(void)
{
    return TEXT;
}

static struct livepatch_func funcs[] __attribute__((section(".livepatch.funcs"), used)) = {{
    .name = (uint64_t)(uintptr_t) "xen_extra_version",
#ifdef WORLD_BAD_OLD
    .old_addr = (uint64_t)(uintptr_t)&fake_lp_counter,
#endif
    .new_addr = (uint64_t)(uintptr_t)new_extra_version,
    .new_size = 0, /* its size is not known here; only the jump is written */
    .old_size = 5,
    .version = LIVEPATCH_PAYLOAD_VERSION,
}};
#endif
