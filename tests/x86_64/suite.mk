# SPDX-License-Identifier: GPL-2.0-only
#
# x86-64: the test guests as PVH ELF images (the portable tests/guests/*.c
# with tests/guests/arch/x86_64/, plus the x86-only tests/guests/x86_64/*.c),
# the Bochs runner (check-x86_64), the benchmark (bench-x86_64) and
# `make run ARCH=x86_64`.

ifneq ($(filter x86_64,$(ARCHES)),)

X86_GUEST_OUT := $(O)/x86_64/guests
X86_GUEST_CFLAGS := -std=gnu11 -O2 -g -ffreestanding -fno-common -fno-pie -fno-stack-protector \
                    -mno-red-zone -mno-sse -mno-mmx -mno-sse2 -fno-asynchronous-unwind-tables \
                    -fno-tree-loop-distribute-patterns $(WARN_CFLAGS) -I. -Ixen/include \
                    -Itests/guests
# The guests share the hypervisor's string functions and formatter.
X86_GUEST_LIB_OBJS := $(X86_GUEST_OUT)/obj/head.o $(X86_GUEST_OUT)/obj/arch.o \
                      $(X86_GUEST_OUT)/obj/lib.o $(X86_GUEST_OUT)/obj/xen-string.o \
                      $(X86_GUEST_OUT)/obj/xen-vsnprintf.o
X86_GUEST_NAMES := abi_test banner isolation bench spin triple_fault hostile cr8_raise \
                   tpr_victim dbgregs tsc_deadline apic_ipi

$(X86_GUEST_OUT)/obj/xen-%.o: xen/common/lib/%.c
	@mkdir -p $(@D)
	$(call quiet,CC,$@)$(CROSS_x86_64)gcc $(X86_GUEST_CFLAGS) -MMD -MP -c $< -o $@

$(X86_GUEST_OUT)/obj/%.o: tests/guests/arch/x86_64/%.S
	@mkdir -p $(@D)
	$(call quiet,CC,$@)$(CROSS_x86_64)gcc $(X86_GUEST_CFLAGS) -MMD -MP -c $< -o $@

$(X86_GUEST_OUT)/obj/%.o: tests/guests/arch/x86_64/%.c
	@mkdir -p $(@D)
	$(call quiet,CC,$@)$(CROSS_x86_64)gcc $(X86_GUEST_CFLAGS) -MMD -MP -c $< -o $@

$(X86_GUEST_OUT)/obj/%.o: tests/guests/x86_64/%.c
	@mkdir -p $(@D)
	$(call quiet,CC,$@)$(CROSS_x86_64)gcc $(X86_GUEST_CFLAGS) -MMD -MP -c $< -o $@

$(X86_GUEST_OUT)/obj/%.o: tests/guests/%.c
	@mkdir -p $(@D)
	$(call quiet,CC,$@)$(CROSS_x86_64)gcc $(X86_GUEST_CFLAGS) -MMD -MP -c $< -o $@

$(X86_GUEST_OUT)/%.elf: $(X86_GUEST_OUT)/obj/%.o $(X86_GUEST_LIB_OBJS) tests/guests/arch/x86_64/guest.lds
	$(call quiet,LD,$@)$(CROSS_x86_64)ld -m elf_x86_64 -nostdlib -z noexecstack -z max-page-size=4096 \
	    --no-warn-rwx-segments -T tests/guests/arch/x86_64/guest.lds -o $@ \
	    $(X86_GUEST_LIB_OBJS) $<

# The ABI guest without its PVH note: the hypervisor must refuse it.
$(X86_GUEST_OUT)/no-pvh-note.elf: $(X86_GUEST_OUT)/abi_test.elf
	$(call quiet,OBJCOPY,$@)$(CROSS_x86_64)objcopy --remove-section .note.Xen $< $@

.SECONDARY: $(X86_GUEST_LIB_OBJS) $(patsubst %,$(X86_GUEST_OUT)/obj/%.o,$(X86_GUEST_NAMES))

# The hostile guest has an arch part of its own (arch/x86_64/hostile_arch.c).
$(X86_GUEST_OUT)/hostile.elf: $(X86_GUEST_OUT)/obj/hostile.o $(X86_GUEST_OUT)/obj/hostile_arch.o \
                              $(X86_GUEST_LIB_OBJS) tests/guests/arch/x86_64/guest.lds
	$(call quiet,LD,$@)$(CROSS_x86_64)ld -m elf_x86_64 -nostdlib -z noexecstack -z max-page-size=4096 \
	    --no-warn-rwx-segments -T tests/guests/arch/x86_64/guest.lds -o $@ \
	    $(X86_GUEST_LIB_OBJS) $(X86_GUEST_OUT)/obj/hostile.o $(X86_GUEST_OUT)/obj/hostile_arch.o

# Hostile guests: d1 hammers the hypervisor as control domain while the ABI
# guest d2 shares the CPU with it and must pass as always; d1 ends crashed.
# d3, a second, shorter hostile guest, takes turns with d1 in their x87/SSE
# test (each must find its own registers after the other's turn).
$(O)/x86_64/keel-hostile.iso: $(O)/x86_64/xen $(X86_GUEST_OUT)/hostile.elf \
                              $(X86_GUEST_OUT)/abi_test.elf tests/x86_64/mkiso.sh
	$(call quiet,ISO,$@)tests/x86_64/mkiso.sh $@ multiboot2 $(O)/x86_64/xen "console=com1 loglvl=info" \
	    "$(X86_GUEST_OUT)/hostile.elf name=hostile mem=16M cpus=1 caps=1 control seed=2026 iterations=1000 final" \
	    "$(X86_GUEST_OUT)/abi_test.elf name=bystander mem=16M cpus=1 plain" \
	    "$(X86_GUEST_OUT)/hostile.elf name=hostile2 mem=8M cpus=1 seed=7 iterations=100"

# A guest's CR8 is its own (issue 12, item 3), on two CPUs: d1 raises CR8 to
# 15 and spins on CPU0, where d3 sleeps on its vLAPIC timer; d2, the control
# domain on CPU1, live-patches the hypervisor, each APPLY gathering CPU0.
$(O)/x86_64/keel-tpr.iso: $(O)/x86_64/xen $(X86_GUEST_OUT)/cr8_raise.elf \
                          $(X86_GUEST_OUT)/tpr_victim.elf $(X86_GUEST_OUT)/livepatch.elf \
                          tests/x86_64/mkiso.sh
	$(call quiet,ISO,$@)tests/x86_64/mkiso.sh $@ multiboot2 $(O)/x86_64/xen "console=com1 loglvl=info" \
	    "$(X86_GUEST_OUT)/cr8_raise.elf name=cr8 mem=8M cpus=1 spin=20000000" \
	    "$(X86_GUEST_OUT)/livepatch.elf name=control mem=16M cpus=1 caps=1" \
	    "$(X86_GUEST_OUT)/tpr_victim.elf name=victim mem=8M cpus=1 rounds=40 ticks=2000000"

# CR2 and the debug registers are per vCPU (issue 12, item 4): two guests
# take turns on one CPU, each checking it finds only its own values. dbg2
# ends with HLT and interrupts off, which takes its vCPU offline and so
# powers it off.
$(O)/x86_64/keel-dbgregs.iso: $(O)/x86_64/xen $(X86_GUEST_OUT)/dbgregs.elf tests/x86_64/mkiso.sh
	$(call quiet,ISO,$@)tests/x86_64/mkiso.sh $@ multiboot2 $(O)/x86_64/xen "console=com1 loglvl=info" \
	    "$(X86_GUEST_OUT)/dbgregs.elf name=dbg1 mem=8M cpus=1 tag=1 rounds=100" \
	    "$(X86_GUEST_OUT)/dbgregs.elf name=dbg2 mem=8M cpus=1 tag=2 rounds=100 halt=1"

# The vLAPIC (issue 16): d1 arms TSC deadlines (future, past, 0, mode
# switches); d2, two vCPUs, sends NMI and lowest-priority IPIs between them.
# check.sh boots it in a one-CPU and in a two-CPU Bochs.
$(O)/x86_64/keel-apic.iso: $(O)/x86_64/xen $(X86_GUEST_OUT)/tsc_deadline.elf \
                           $(X86_GUEST_OUT)/apic_ipi.elf tests/x86_64/mkiso.sh
	$(call quiet,ISO,$@)tests/x86_64/mkiso.sh $@ multiboot2 $(O)/x86_64/xen "console=com1 loglvl=info" \
	    "$(X86_GUEST_OUT)/tsc_deadline.elf name=deadline mem=8M cpus=1" \
	    "$(X86_GUEST_OUT)/apic_ipi.elf name=ipi mem=8M cpus=2"

# Multiboot 1 variant of keel.iso: the runner's fallback, and its own test.
$(O)/x86_64/keel-mb1.iso: $(O)/x86_64/xen $(X86_GUESTS) tests/x86_64/mkiso.sh
	$(call quiet,ISO,$@)tests/x86_64/mkiso.sh $@ multiboot $(O)/x86_64/xen "$(X86_XEN_ARGS)" $(X86_ISO_MODULES)

# The demo (make run ARCH=x86_64, and the two-CPU test): the ABI guest as control
# domain and the banner guest, each on its own CPU in a two-CPU Bochs.
$(O)/x86_64/keel-demo.iso: $(O)/x86_64/xen $(X86_GUEST_OUT)/abi_test.elf \
                           $(X86_GUEST_OUT)/banner.elf tests/x86_64/mkiso.sh
	$(call quiet,ISO,$@)tests/x86_64/mkiso.sh $@ multiboot2 $(O)/x86_64/xen "console=com1 loglvl=info demo" \
	    "$(X86_GUEST_OUT)/abi_test.elf name=abi mem=16M cpus=1 caps=1 control cmdline=demo" \
	    "$(X86_GUEST_OUT)/banner.elf name=banner mem=8M cpus=1"

# CPU pools from the command line (cpupool=ID:CPUS:SCHED[:SLICE_US]) and a
# module's cpupool=ID and priority=N: the ABI guest alone in a null pool on
# CPU1, the banner guest (priority 3) in pool 0, rr with 5 ms slices on
# CPU0; a second guest for the full null pool is refused, and so is a pool
# with a scheduler Keel lacks. The command line (no console=com1: the
# default; not starting with a word without "=", which the loader takes for
# the image's path) fits the ABI guest's 64-byte XENVER_commandline buffer.
$(O)/x86_64/keel-pools.iso: $(O)/x86_64/xen $(X86_GUEST_OUT)/abi_test.elf \
                            $(X86_GUEST_OUT)/banner.elf tests/x86_64/mkiso.sh
	$(call quiet,ISO,$@)tests/x86_64/mkiso.sh $@ multiboot2 $(O)/x86_64/xen \
	    "cpupool=0:0:rr:5000 demo cpupool=1:1:null cpupool=2:1:credit" \
	    "$(X86_GUEST_OUT)/abi_test.elf name=abi mem=16M cpus=1 caps=1 control cmdline=demo cpupool=1" \
	    "$(X86_GUEST_OUT)/banner.elf name=banner mem=8M cpus=1 priority=3" \
	    "$(X86_GUEST_OUT)/banner.elf name=extra mem=8M cpus=1 cpupool=1"

# The benchmark ISO: one guest timing null hypercalls.
$(O)/x86_64/keel-bench.iso: $(O)/x86_64/xen $(X86_GUEST_OUT)/bench.elf tests/x86_64/mkiso.sh
	$(call quiet,ISO,$@)tests/x86_64/mkiso.sh $@ multiboot2 $(O)/x86_64/xen "console=com1" \
	    "$(X86_GUEST_OUT)/bench.elf name=bench mem=8M cpus=1"

ALL_TARGETS += $(patsubst %,$(X86_GUEST_OUT)/%.elf,$(X86_GUEST_NAMES) no-pvh-note) \
               $(O)/x86_64/keel-mb1.iso $(O)/x86_64/keel-demo.iso $(O)/x86_64/keel-bench.iso \
               $(O)/x86_64/keel-hostile.iso $(O)/x86_64/keel-tpr.iso $(O)/x86_64/keel-dbgregs.iso \
               $(O)/x86_64/keel-pools.iso $(O)/x86_64/keel-apic.iso

TEST_SUITES += x86_64
.PHONY: check-x86_64 bench-x86_64 run-x86_64
check-x86_64: $(O)/x86_64/keel.iso $(O)/x86_64/keel-mb1.iso $(O)/x86_64/keel-demo.iso \
              $(O)/x86_64/keel-hostile.iso $(O)/x86_64/keel-tpr.iso $(O)/x86_64/keel-dbgregs.iso \
              $(O)/x86_64/keel-pools.iso $(O)/x86_64/keel-apic.iso
	@tests/x86_64/check.sh $(O)/x86_64

BENCH_TARGETS += bench-x86_64
bench-x86_64: $(O)/x86_64/keel-bench.iso $(O)/x86_64/xen-syms
	@tests/x86_64/bench.sh $(O)/x86_64

run-x86_64: $(O)/x86_64/keel-demo.iso
	@BOCHS_CPUS=2 tests/x86_64/run-bochs.sh $(O)/x86_64/keel-demo.iso \
	    $(O)/x86_64/run/serial.log 300 --tee

ifeq ($(strip $(ARCH)),x86_64)
RUN_TARGET := run-x86_64
endif

-include $(wildcard $(X86_GUEST_OUT)/obj/*.d)

endif
