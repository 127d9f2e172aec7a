# SPDX-License-Identifier: GPL-2.0-only
# make bench, common part: host dispatch cost and the size of xen/common per arch.
BENCH_COMMON_SRCS := $(filter-out xen/common/lib/string.c,$(COMMON_SRCS)) tests/unit/fake/arch.c \
                     tests/unit/fake/livepatch.c tests/unit/fake/symbols.c tests/unit/fake/nop_target.S \
                     xen/arch/x86/livepatch_reloc.c tests/bench/dispatch.c
BENCH_CFLAGS := -std=gnu11 -O2 -fno-strict-aliasing $(WARN_CFLAGS) -Wno-missing-prototypes -I. -Ixen/include \
                -Itests/unit/fake/include -I$(O)/host/include

# strlcpy comes from the hypervisor's string.c (the rest renamed, see tests/unit).
$(O)/host/bench/string.o: xen/common/lib/string.c tests/unit/string_rename.h
	@mkdir -p $(@D)
	$(call quiet,CC,$@)$(HOSTCC) $(BENCH_CFLAGS) -fno-builtin -include tests/unit/string_rename.h -c $< -o $@

$(O)/host/bench/dispatch: $(BENCH_COMMON_SRCS) $(O)/host/bench/string.o \
                          $(O)/host/include/generated/compile.h
	@mkdir -p $(@D)
	$(call quiet,LD,$@)$(HOSTCC) $(BENCH_CFLAGS) -o $@ $(BENCH_COMMON_SRCS) $(O)/host/bench/string.o \
	    -Wl,--defsym=_stext=__executable_start -Wl,--defsym=_etext=etext

ALL_TARGETS += $(O)/host/bench/dispatch
BENCH_TARGETS += bench-common
bench-common: $(O)/host/bench/dispatch $(foreach a,$(ARCHES),$(O)/$(a)/libcommon.a)
	@$(O)/host/bench/dispatch
	@for a in $(ARCHES); do \
	    size -t $(O)/$$a/libcommon.a 2>/dev/null | tail -n 1 | \
	    awk -v a=$$a '{ printf "bench: xen/common for %s: text %d, data %d, bss %d bytes\n", a, $$1, $$2, $$3 }'; \
	done
