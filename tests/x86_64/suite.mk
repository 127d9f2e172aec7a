# SPDX-License-Identifier: GPL-2.0-only
#
# x86-64: the PVH test guest (tests/guests/x86_64/), the Bochs runner
# (check-x86_64), the benchmark (bench-x86_64) and `make run ARCH=x86_64`.

ifneq ($(filter x86_64,$(ARCHES)),)

X86_GUEST_DIR := tests/guests/x86_64
X86_GUEST_OUT := $(O)/x86_64/guests
X86_GUEST_CFLAGS := -std=gnu11 -O2 -g -ffreestanding -fno-pie -fno-stack-protector -mno-red-zone \
                    -mno-sse -mno-mmx -mno-sse2 -fno-asynchronous-unwind-tables \
                    -fno-tree-loop-distribute-patterns $(WARN_CFLAGS) -I. -Ixen/include \
                    -DKEEL_MAJOR=$(KEEL_VERSION_MAJOR) -DKEEL_MINOR=$(KEEL_VERSION_MINOR) \
                    -DKEEL_EXTRA='"$(KEEL_EXTRAVERSION)"'
# The guest shares the hypervisor's string functions and formatter.
X86_GUEST_OBJS := $(X86_GUEST_OUT)/head.o $(X86_GUEST_OUT)/lib.o $(X86_GUEST_OUT)/pvh-test.o \
                  $(X86_GUEST_OUT)/xen-string.o $(X86_GUEST_OUT)/xen-vsnprintf.o

$(X86_GUEST_OUT)/xen-%.o: xen/common/lib/%.c
	@mkdir -p $(@D)
	$(CROSS_x86_64)gcc $(X86_GUEST_CFLAGS) -MMD -MP -c $< -o $@

$(X86_GUEST_OUT)/%.o: $(X86_GUEST_DIR)/%.c
	@mkdir -p $(@D)
	$(CROSS_x86_64)gcc $(X86_GUEST_CFLAGS) -MMD -MP -c $< -o $@

$(X86_GUEST_OUT)/%.o: $(X86_GUEST_DIR)/%.S
	@mkdir -p $(@D)
	$(CROSS_x86_64)gcc $(X86_GUEST_CFLAGS) -MMD -MP -c $< -o $@

$(X86_GUEST_OUT)/pvh-test.elf: $(X86_GUEST_OBJS) $(X86_GUEST_DIR)/guest.lds
	$(CROSS_x86_64)ld -m elf_x86_64 -nostdlib -z noexecstack -z max-page-size=4096 \
	    --no-warn-rwx-segments -T $(X86_GUEST_DIR)/guest.lds -o $@ $(X86_GUEST_OBJS)

# The same kernel without its PVH note: the hypervisor must refuse it.
$(X86_GUEST_OUT)/no-pvh-note.elf: $(X86_GUEST_OUT)/pvh-test.elf
	$(CROSS_x86_64)objcopy --remove-section .note.Xen $< $@

# Multiboot 1 variant of keel.iso: the runner's fallback, and its own test.
$(O)/x86_64/keel-mb1.iso: $(O)/x86_64/xen $(X86_GUESTS) tests/x86_64/mkiso.sh
	tests/x86_64/mkiso.sh $@ multiboot $(O)/x86_64/xen "console=com1 loglvl=info" \
	    "$(X86_GUEST_OUT)/pvh-test.elf name=abi mem=16M cpus=1 caps=0 test=abi" \
	    "$(X86_GUEST_OUT)/pvh-test.elf name=isolation mem=8M cpus=1 caps=1 test=isolation" \
	    "$(X86_GUEST_OUT)/pvh-test.elf name=spin mem=4M cpus=1 spin=60000000" \
	    "$(X86_GUEST_OUT)/pvh-test.elf name=triple mem=4M cpus=1 test=triple" \
	    "$(X86_GUEST_OUT)/no-pvh-note.elf name=nonote mem=4M cpus=1 caps=0"

# The benchmark ISO: one guest timing null hypercalls.
$(O)/x86_64/keel-bench.iso: $(O)/x86_64/xen $(X86_GUEST_OUT)/pvh-test.elf tests/x86_64/mkiso.sh
	tests/x86_64/mkiso.sh $@ multiboot2 $(O)/x86_64/xen "console=com1" \
	    "$(X86_GUEST_OUT)/pvh-test.elf name=bench mem=8M cpus=1 bench=100000"

ALL_TARGETS += $(X86_GUEST_OUT)/pvh-test.elf $(X86_GUEST_OUT)/no-pvh-note.elf \
               $(O)/x86_64/keel-mb1.iso $(O)/x86_64/keel-bench.iso

TEST_SUITES += x86_64
.PHONY: check-x86_64 bench-x86_64 run-x86_64
check-x86_64: $(O)/x86_64/keel.iso $(O)/x86_64/keel-mb1.iso
	@tests/x86_64/check.sh $(O)/x86_64

BENCH_TARGETS += bench-x86_64
bench-x86_64: $(O)/x86_64/keel-bench.iso $(O)/x86_64/xen-syms
	@tests/x86_64/bench.sh $(O)/x86_64

run-x86_64: $(O)/x86_64/keel.iso
	@tests/x86_64/run-bochs.sh $(O)/x86_64/keel.iso $(O)/x86_64/run/serial.log 300 --tee

ifeq ($(strip $(ARCH)),x86_64)
RUN_TARGET := run-x86_64
endif

-include $(X86_GUEST_OBJS:.o=.d)

endif
