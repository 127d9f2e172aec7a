/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * clang_api.c - loading libclang on first use (see clang_api.h).
 */
#include "clang_api.h"

#include <dlfcn.h>
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
