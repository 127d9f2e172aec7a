/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A live-patch payload for the host unit tests, built by GCC for x86_64 as a
 * real payload is: it replaces xen_extra_version() (found by name), has a
 * load hook, its own build-id and the test hypervisor's build-id in
 * .livepatch.xen_depends. Each -D variant breaks one rule the loader checks.
 */
#include <stdint.h>

#include <public/sysctl.h>

struct build_id_note {
    uint32_t namesz, descsz, type;
    char name[4];
    uint8_t desc[20];
};

#define NOTE(var, sec, ...)                                                                        \
    const struct build_id_note var __attribute__((section(sec), used, aligned(4))) = {            \
        4, 20, 3, "GNU", {__VA_ARGS__}}

/* The test hypervisor's build-id, set by test_livepatch_load.c. */
#define TEST_XEN_ID 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, \
                    0xdd, 0xee, 0xff, 0x01, 0x02, 0x03, 0x04, 0x05

#ifndef NO_BUILD_ID
NOTE(payload_id, ".note.gnu.build-id", 0xb0, 0xb1, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8,
     0xb9, 0xba, 0xbb, 0xbc, 0xbd, 0xbe, 0xbf, 0xc0, 0xc1, 0xc2, 0xc3);
#endif
#if defined(WRONG_XEN_ID)
NOTE(xen_dep, ".livepatch.xen_depends", 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99,
     0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0x01, 0x02, 0x03, 0x04, 0x06);
#elif !defined(NO_XEN_ID)
NOTE(xen_dep, ".livepatch.xen_depends", TEST_XEN_ID);
#endif

const char *xen_extra_version(void);
#ifdef UNKNOWN_SYMBOL
const char *no_such_function(void);
#endif

static int loads;

static const char *hello_extra_version(void)
{
#ifdef UNKNOWN_SYMBOL
    return no_such_function();
#else
    /* Call the original too, so the payload has a relocation into the hypervisor. */
    return xen_extra_version()[0] ? "Hello World" : "";
#endif
}

static void __attribute__((used)) hello_load(void)
{
    loads++;
}

int hello_loads(void);
int hello_loads(void)
{
    return loads;
}

struct livepatch_func hello_funcs[] __attribute__((section(".livepatch.funcs"), used)) = {{
#ifdef UNKNOWN_OLD
    .name = (uint64_t)(uintptr_t) "not_a_hypervisor_function",
#else
    .name = (uint64_t)(uintptr_t) "xen_extra_version",
#endif
    .new_addr = (uint64_t)(uintptr_t)hello_extra_version,
    .new_size = 8,
    .old_size = 8,
#ifdef BAD_VERSION
    .version = 1,
#else
    .version = LIVEPATCH_PAYLOAD_VERSION,
#endif
}};

#ifdef HOOK_OUTSIDE_TEXT
void (*const hello_hooks[])(void) __attribute__((section(".livepatch.hooks.load"), used)) = {
    (void (*)(void))(uintptr_t)&loads};
#else
void (*const hello_hooks[])(void) __attribute__((section(".livepatch.hooks.load"), used)) = {
    hello_load};
#endif

#ifdef ABS32_OVERFLOW
/* A 32-bit absolute reference to payload memory, which lies above 4 GiB. */
__asm__(".section .data.abs32,\"aw\"\n .long hello_load\n .previous");
#endif
#ifdef UNSUPPORTED_RELOC
__asm__(".section .data.gotpc,\"aw\"\n .reloc ., R_X86_64_GOTPCREL, hello_load\n .long 0\n"
        " .previous");
#endif
