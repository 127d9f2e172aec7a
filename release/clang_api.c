/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * clang_api.c - loading libclang on first use (see clang_api.h).
 */
#include "clang_api.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Set by release.mk from llvm-config: the libclang the headers came from. */
#ifndef KEEL_LIBCLANG
#define KEEL_LIBCLANG "libclang.so.1"
#endif

const struct clang_api *clang_api(void)
{
    static struct clang_api api;
    static int loaded;
    void *lib;

    if (loaded)
        return &api;
    /*
     * libclang parses each unit on a thread of its own, with an 8 MiB stack
     * mapped and unmapped every time: check parses hundreds of trees, and
     * the unmapping (a TLB flush on every CPU once a process has threads)
     * cost a fifth of a cold check. The parse runs on our thread instead,
     * still under libclang's crash recovery. libclang reads this at each parse.
     */
    setenv("LIBCLANG_NOTHREADS", "1", 1);
    lib = dlopen(KEEL_LIBCLANG, RTLD_NOW | RTLD_LOCAL);
    if (!lib)
        fatal("cannot load libclang: %s", dlerror());
#define KEEL_CLANG_LOOKUP(name)                                      \
    do {                                                             \
        void *sym = dlsym(lib, #name);                               \
        if (!sym)                                                    \
            fatal("%s: no %s in it: %s", KEEL_LIBCLANG, #name, dlerror()); \
        memcpy(&api.name, &sym, sizeof(sym));                        \
    } while (0);
    KEEL_CLANG_FUNCS(KEEL_CLANG_LOOKUP)
#undef KEEL_CLANG_LOOKUP
    loaded = 1;
    return &api;
}
