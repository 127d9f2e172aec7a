# SPDX-License-Identifier: GPL-2.0-only
#
# The AArch64 EL2 hypervisor: out/arm64/xen (arm64 Image), out/arm64/xen-syms
# (ELF with symbols), out/arm64/xen.itb (FIT). Linked as a PIE at 0 that
# relocates itself wherever U-Boot loads it.

ifneq ($(filter arm64,$(ARCHES)),)

ARM_DIR := xen/arch/arm
ARM_OUT := $(O)/arm64
# libfdt: upstream dtc's, as Linux 6.1 carries it (scripts/dtc/libfdt, DTC
# 1.6.1-g0a3a9d34), taken from Debian 12's linux-source-6.1 package by
# fetch-libfdt.sh (the mirror serves no source packages) and built here
# with the hypervisor's flags and a section per function, so that
# --gc-sections drops the functions nothing calls. Third-party code: our
# lint (cppcheck, clang-tidy, check-headers) does not scan it.
LIBFDT_DIR := $(ARM_OUT)/libfdt
LIBFDT_SRC := $(LIBFDT_DIR)/src
LIBFDT_STAMP := $(LIBFDT_SRC)/libfdt.h
# The four files the hypervisor calls into are built as one translation unit
# (libfdt-unity.inc): their shared static inline helpers (fdt32_ld(), ...)
# are emitted once instead of once per file, and calls between them can be
# specialised. The other files stay apart (nothing calls them; their static
# names would clash).
LIBFDT_UNITY := fdt fdt_ro fdt_wip fdt_sw
LIBFDT_NAMES := fdt_rw fdt_strerror fdt_empty_tree fdt_addresses fdt_overlay
LIBFDT_SEP_OBJS := $(patsubst %,$(LIBFDT_DIR)/obj/%.o,$(LIBFDT_NAMES))
LIBFDT_OBJS := $(LIBFDT_SEP_OBJS) $(LIBFDT_DIR)/obj/fdt_unity.o
LIBFDT_A := $(LIBFDT_DIR)/libfdt.a

# -fpie: code reaches data PC-relatively, which needs no relocation, since
# every symbol is hidden (asm/visibility.h); head.S relocates the pointers
# stored in data. Applies to the common objects too. A section per function
# and per object lets the link drop what nothing references (--gc-sections).
HV_CFLAGS_arm64 += -fpie -fvisibility=hidden -include xen/arch/arm/include/asm/visibility.h \
                   -march=armv8-a -ffunction-sections -fdata-sections -mcmodel=tiny \
                   -falign-functions=4 -falign-jumps=1 -falign-loops=1 -falign-labels=1

# Size (the Image stays under Bao's 94,208 bytes, make bench): everything is
# built -Os but the objects on a path make bench counts and -Os makes
# longer: interrupt delivery through the list registers (vgic: the SGI
# self-IPI costs 22 instructions more at -Os), the scheduler's hooks and the
# null hypercall's dispatch (60.00 instead of 59.99 at -Os). Measured with
# make bench-arm64 object by object; traps, gic, time, vsysreg, mmio and
# domain make no measured figure longer at -Os (the virtual-timer latency
# even drops, 146.6 -> 136.0) and the vGIC's register emulation
# (vgic_mmio.c) is configuration.
# Size: the whole image, .bss included, lies within 1 MiB of each of its
# instructions (a larger one fails to link with a relocation overflow), so
# one ADR reaches any symbol where the small model needs ADRP+ADD
# (-mcmodel=tiny, above, every object), and no object pads functions to 16
# bytes or loops and jump targets with NOPs (-O2 does, for the hot ones):
# instructions count here, not fetch lines. Cold objects and libfdt also
# take ARM_COLD_CFLAGS: nothing walks frame records (no backtraces: a
# hypervisor fault prints ESR/ELR/FAR), so x29 need not be a frame pointer;
# their prologues need not be shrink-wrapped past early returns; and they
# go without RTL loop-invariant motion (which keeps addresses, one ADR each
# here, in callee-saved registers that must then be saved) and tree tail
# merging (measured). Image 105,272 -> 97,480 bytes with the steps of
# issue 15; every bench figure drops (null hypercall 58.99, virtual timer
# 133.3, SGI 156.4, device-raised assigned SPI 178.6). Not the hot objects:
# -fomit-frame-pointer there took the SGI figure to 170.6; and the context
# switch's objects keep loop-invariant motion and tail merging, without
# which its round trip grew from 3,675 to 3,700 instructions. Later steps
# in the code, not the flags, took the Image to 95,704 bytes, and issue 16's
# to 94,120 (docs/arm64.md).
# Issue 16: the cold objects also go without GIMPLE's loop-invariant motion
# (the same hoisted addresses in callee-saved registers as at RTL level),
# loop header copying (-Os copies a loop's test before it, to rotate the
# loop) and final-value replacement of induction variables (scev-cprop):
# each measured alone and together, 224 bytes of code (flags that made the
# Image larger or no smaller: -fno-tree-loop-ivcanon, -fno-tree-sink,
# -fno-split-paths, -fno-ipa-icf, -fno-tree-vrp, -fno-ivopts, -Oz).
# Not the MMIO dispatch (common/mmio.c), whose region search every
# emulated access runs: without loop header copying the vPL011 round trips
# took 2 instructions more (348 and 412); kept apart they are 345 and 410,
# and the context switch, through memcpy() and memset(), drops 3,675 ->
# 3,508.
ARM_SIZE_CFLAGS := -Os -fomit-frame-pointer -fno-shrink-wrap
ARM_COLD_CFLAGS := $(ARM_SIZE_CFLAGS) -fno-move-loop-invariants -fno-tree-tail-merge
ARM_CONFIG_CFLAGS := $(ARM_COLD_CFLAGS) -fno-tree-loop-im -fno-tree-ch -fno-tree-scev-cprop
ARM_RUNTIME_COLD = $(ARM_OUT)/common/mmio.o
ARM_SWITCH_OBJS = $(ARM_OUT)/arch/context_switch.o $(ARM_OUT)/common/sched/core.o
ARM_HOT := vgic sched
ARM_HOT_COMMON := hypercall xen_version sched_op sched/null sched/rr
ARM_COLD_OBJS = $(filter-out $(patsubst %,$(ARM_OUT)/arch/%.o,$(ARM_HOT)) \
                             $(patsubst %,$(ARM_OUT)/common/%.o,$(ARM_HOT_COMMON)), \
                             $(ARM_OBJS) $(COMMON_OBJS_arm64))

ARM_SRCS := $(sort $(wildcard $(ARM_DIR)/*.c))
ARM_ASMS := $(sort $(wildcard $(ARM_DIR)/*.S))
ARM_OBJS := $(patsubst $(ARM_DIR)/%.c,$(ARM_OUT)/arch/%.o,$(ARM_SRCS)) \
            $(patsubst $(ARM_DIR)/%.S,$(ARM_OUT)/arch/%.o,$(ARM_ASMS))
# libfdt's environment (types, byte order, string functions) is the
# hypervisor's own, asm/libfdt_env.h, ahead of every file that may include
# libfdt.h and of libfdt's sources: it takes the place of dtc's copy by its
# include guard, as Linux's and Xen's do.
LIBFDT_ENV := -include $(ARM_DIR)/include/asm/libfdt_env.h
ARM_CFLAGS = $(HV_CFLAGS) $(HV_CFLAGS_arm64) -I$(ARM_DIR)/include -I$(ARM_OUT)/include \
             -isystem $(LIBFDT_SRC) $(LIBFDT_ENV)

$(LIBFDT_STAMP):
	@$(ARM_DIR)/fetch-libfdt.sh $(abspath $(LIBFDT_DIR))

# -Os like the rest of the configuration code; -fstack-protector-strong as
# Debian builds it (stack_protector.c sets the canary): the host DT and the
# guests' configuration are parsed by it.
$(LIBFDT_SEP_OBJS): $(LIBFDT_DIR)/obj/%.o: $(LIBFDT_STAMP)
	@mkdir -p $(@D)
	$(call quiet,CC,$@)$(CROSS_arm64)gcc $(HV_CFLAGS) $(HV_CFLAGS_arm64) $(ARM_CONFIG_CFLAGS) -fstack-protector-strong \
	    $(LIBFDT_ENV) -MMD -MP -c $(LIBFDT_SRC)/$*.c -o $@

$(LIBFDT_DIR)/obj/fdt_unity.o: $(ARM_DIR)/libfdt-unity.inc $(LIBFDT_STAMP)
	@mkdir -p $(@D)
	$(call quiet,CC,$@)$(CROSS_arm64)gcc $(HV_CFLAGS) $(HV_CFLAGS_arm64) $(ARM_CONFIG_CFLAGS) -fstack-protector-strong \
	    $(LIBFDT_ENV) -I$(LIBFDT_SRC) -MMD -MP -MT $@ -MF $(@:.o=.d) -x c -c $< -o $@

$(LIBFDT_A): $(LIBFDT_OBJS)
	$(call quiet,AR,$@)rm -f $@ && $(CROSS_arm64)ar rcsD $@ $^

$(ARM_OUT)/arch/%.o: $(ARM_DIR)/%.c $(LIBFDT_STAMP)
	@mkdir -p $(@D)
	$(call quiet,CC,$@)$(CROSS_arm64)gcc $(ARM_CFLAGS) $(HV_OPT_CFLAGS) -MMD -MP -c $< -o $@

$(ARM_OUT)/arch/%.o: $(ARM_DIR)/%.S
	@mkdir -p $(@D)
	$(call quiet,AS,$@)$(CROSS_arm64)gcc $(ARM_CFLAGS) -D__ASSEMBLY__ -MMD -MP -c $< -o $@

# Only R_AARCH64_RELATIVE may remain: that is all head.S knows how to apply.
$(ARM_OUT)/xen-syms: $(ARM_OBJS) $(COMMON_OBJS_arm64) $(LIBFDT_A) $(ARM_DIR)/xen.lds \
                     scripts/link-symbols.sh scripts/gen-symbols.sh scripts/gen-relocs.sh \
                     scripts/check-nospec.sh scripts/nospec-sites.txt
	$(call quiet,LD,$@)RELOCS_READELF=$(CROSS_arm64)readelf scripts/link-symbols.sh $@ \
	    $(CROSS_arm64)nm $(CROSS_arm64)gcc $(CROSS_arm64)ld -pie --no-dynamic-linker -z norelro -z noexecstack --build-id=sha1 \
	    -z max-page-size=4096 --gc-sections -T $(ARM_DIR)/xen.lds $(ARM_OBJS) $(COMMON_OBJS_arm64) \
	    $(LIBFDT_A)
	@bad=$$($(CROSS_arm64)readelf -rW $@ | awk '/R_AARCH64_/ && $$3 != "R_AARCH64_RELATIVE" && $$3 != "R_AARCH64_NONE"' ); \
	if [ -n "$$bad" ]; then echo "$@: relocations head.S cannot apply:"; echo "$$bad"; \
	    rm -f $@; exit 1; fi
	@scripts/check-nospec.sh arm64 $(CROSS_arm64)objdump $@ scripts/nospec-sites.txt || \
	    { rm -f $@; exit 1; }

$(ARM_OUT)/xen: $(ARM_OUT)/xen-syms
	$(call quiet,OBJCOPY,$@)$(CROSS_arm64)objcopy -O binary -R .rela.dyn -R .dynamic -R .dynsym -R .dynstr -R .hash -R .gnu.hash $< $@

$(ARM_OUT)/xen.its: $(ARM_DIR)/xen.its.in
	@mkdir -p $(@D)
	$(call quiet,CP,$@)cp $< $@

$(ARM_OUT)/xen.itb: $(ARM_OUT)/xen $(ARM_OUT)/xen.its
	$(call quiet,MKIMAGE,$@)cd $(ARM_OUT) && mkimage -f xen.its xen.itb >/dev/null

$(filter-out $(ARM_RUNTIME_COLD),$(ARM_COLD_OBJS)): HV_OPT_CFLAGS := $(ARM_CONFIG_CFLAGS)
$(filter $(ARM_RUNTIME_COLD),$(ARM_COLD_OBJS)): HV_OPT_CFLAGS := $(ARM_COLD_CFLAGS)
$(ARM_SWITCH_OBJS): HV_OPT_CFLAGS := $(ARM_SIZE_CFLAGS)

ALL_TARGETS += $(ARM_OUT)/xen $(ARM_OUT)/xen-syms $(ARM_OUT)/xen.itb

-include $(ARM_OBJS:.o=.d) $(LIBFDT_OBJS:.o=.d)

endif
