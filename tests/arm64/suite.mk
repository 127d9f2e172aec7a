# SPDX-License-Identifier: GPL-2.0-only
#
# AArch64 test guests (out/arm64/guests/*.Image) and the QEMU integration
# suite: make check-arm64, make run-arm64, make bench-arm64.

ifneq ($(filter arm64,$(ARCHES)),)

GUEST_DIR := tests/guests
GUEST_OUT := $(O)/arm64/guests
GUEST_CFLAGS := -std=gnu11 -O2 -g -ffreestanding -fno-common -fno-stack-protector \
                -fno-pie -mgeneral-regs-only -mstrict-align -mno-outline-atomics \
                -fno-asynchronous-unwind-tables -fno-tree-loop-distribute-patterns \
                $(WARN_CFLAGS) -I. -Ixen/include -I$(GUEST_DIR)
# The guests share the hypervisor's string functions and formatter.
GUEST_LIB_OBJS := $(GUEST_OUT)/obj/head.o $(GUEST_OUT)/obj/arch.o $(GUEST_OUT)/obj/lib.o \
                  $(GUEST_OUT)/obj/xen-string.o $(GUEST_OUT)/obj/xen-vsnprintf.o

$(GUEST_OUT)/obj/xen-%.o: xen/common/lib/%.c
	@mkdir -p $(@D)
	$(call quiet,CC,$@)$(CROSS_arm64)gcc $(GUEST_CFLAGS) -c $< -o $@
GUESTS_arm64 := abi_test banner isolation bench uartbench irqbench hostile vtimer_hw mmio_width lr_evict ctxsw pt_rtc \
                direct_map
GUEST_IMAGES_arm64 := $(patsubst %,$(GUEST_OUT)/%.Image,$(GUESTS_arm64))

$(GUEST_OUT)/obj/%.o: $(GUEST_DIR)/arch/arm64/%.S
	@mkdir -p $(@D)
	$(call quiet,CC,$@)$(CROSS_arm64)gcc $(GUEST_CFLAGS) -c $< -o $@

$(GUEST_OUT)/obj/%.o: $(GUEST_DIR)/arch/arm64/%.c $(GUEST_DIR)/guest.h
	@mkdir -p $(@D)
	$(call quiet,CC,$@)$(CROSS_arm64)gcc $(GUEST_CFLAGS) -c $< -o $@

$(GUEST_OUT)/obj/%.o: $(GUEST_DIR)/%.c $(GUEST_DIR)/guest.h
	@mkdir -p $(@D)
	$(call quiet,CC,$@)$(CROSS_arm64)gcc $(GUEST_CFLAGS) -c $< -o $@

$(GUEST_OUT)/%.elf: $(GUEST_OUT)/obj/%.o $(GUEST_LIB_OBJS) $(GUEST_DIR)/arch/arm64/guest.lds
	$(call quiet,LD,$@)$(CROSS_arm64)ld -static -nostdlib -z noexecstack --no-warn-rwx-segments -T $(GUEST_DIR)/arch/arm64/guest.lds \
	    -o $@ $(GUEST_LIB_OBJS) $<

# The vGIC test guests and the interrupt-latency benchmark share a header of GICv3 and timer helpers.
$(patsubst %,$(GUEST_OUT)/obj/%.o,vtimer_hw mmio_width lr_evict irqbench ctxsw pt_rtc): $(GUEST_DIR)/arch/arm64/gicv3_guest.h

# The hostile guest has an arch part of its own (arch/arm64/hostile_arch.c).
$(GUEST_OUT)/obj/hostile.o $(GUEST_OUT)/obj/hostile_arch.o: $(GUEST_DIR)/hostile.h
$(GUEST_OUT)/hostile.elf: $(GUEST_OUT)/obj/hostile.o $(GUEST_OUT)/obj/hostile_arch.o \
                          $(GUEST_LIB_OBJS) $(GUEST_DIR)/arch/arm64/guest.lds
	$(call quiet,LD,$@)$(CROSS_arm64)ld -static -nostdlib -z noexecstack --no-warn-rwx-segments -T $(GUEST_DIR)/arch/arm64/guest.lds \
	    -o $@ $(GUEST_LIB_OBJS) $(GUEST_OUT)/obj/hostile.o $(GUEST_OUT)/obj/hostile_arch.o

# The direct-mapped guest runs at its static memory's host address
# (tests/arm64/run.sh gives it xen,static-mem = <0x70000000 ...>) and finds
# the vGIC where QEMU virt's GIC is.
$(GUEST_OUT)/obj/direct_map.o: $(GUEST_DIR)/arch/arm64/direct_map.c $(GUEST_DIR)/guest.h \
                               $(GUEST_DIR)/arch/arm64/gicv3_guest.h
	@mkdir -p $(@D)
	$(call quiet,CC,$@)$(CROSS_arm64)gcc $(GUEST_CFLAGS) -DGUEST_DIRECT_MAP -c $< -o $@
$(GUEST_OUT)/direct_map.elf: $(GUEST_OUT)/obj/direct_map.o $(GUEST_LIB_OBJS) \
                             $(GUEST_DIR)/arch/arm64/guest.lds
	$(call quiet,LD,$@)$(CROSS_arm64)ld -static -nostdlib -z noexecstack --no-warn-rwx-segments \
	    --defsym GUEST_LINK_BASE=0x70000000 -T $(GUEST_DIR)/arch/arm64/guest.lds \
	    -o $@ $(GUEST_LIB_OBJS) $<

# irqbench once more, bare under QEMU (EL1, no hypervisor): QEMU's GIC and
# UART (GUEST_BARE), bare.c's console and shutdown instead of lib.c's weak ones.
$(GUEST_OUT)/obj/irqbench_bare.o: $(GUEST_DIR)/arch/arm64/irqbench.c $(GUEST_DIR)/guest.h \
                                  $(GUEST_DIR)/arch/arm64/gicv3_guest.h
	@mkdir -p $(@D)
	$(call quiet,CC,$@)$(CROSS_arm64)gcc $(GUEST_CFLAGS) -DGUEST_BARE -c $< -o $@
$(GUEST_OUT)/irqbench_bare.elf: $(GUEST_OUT)/obj/irqbench_bare.o $(GUEST_OUT)/obj/bare.o \
                                $(GUEST_LIB_OBJS) $(GUEST_DIR)/arch/arm64/guest.lds
	$(call quiet,LD,$@)$(CROSS_arm64)ld -static -nostdlib -z noexecstack --no-warn-rwx-segments -T $(GUEST_DIR)/arch/arm64/guest.lds \
	    -o $@ $(GUEST_LIB_OBJS) $(GUEST_OUT)/obj/bare.o $(GUEST_OUT)/obj/irqbench_bare.o

$(GUEST_OUT)/%.Image: $(GUEST_OUT)/%.elf
	$(call quiet,OBJCOPY,$@)$(CROSS_arm64)objcopy -O binary $< $@

.SECONDARY: $(GUEST_LIB_OBJS) $(patsubst %,$(GUEST_OUT)/obj/%.o,$(GUESTS_arm64)) $(patsubst %,$(GUEST_OUT)/%.elf,$(GUESTS_arm64))

ALL_TARGETS += $(GUEST_IMAGES_arm64)

ARM64_RUN := tests/arm64/run.sh

.PHONY: check-arm64 run-arm64 bench-arm64
check-arm64: $(O)/arm64/xen $(O)/arm64/xen.itb $(GUEST_IMAGES_arm64)
	@$(ARM64_RUN) check

run-arm64: $(O)/arm64/xen $(GUEST_IMAGES_arm64)
	@$(ARM64_RUN) demo

bench-arm64: $(O)/arm64/xen $(O)/arm64/xen-syms $(GUEST_IMAGES_arm64) $(GUEST_OUT)/irqbench_bare.Image
	@$(ARM64_RUN) bench

TEST_SUITES += arm64
RUN_TARGET := run-arm64
BENCH_TARGETS += bench-arm64

endif
