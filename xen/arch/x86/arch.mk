# SPDX-License-Identifier: GPL-2.0-only
#
# The x86-64 VT-x hypervisor: out/x86_64/xen-syms (ELF64 with symbols and a
# GNU build-id), out/x86_64/xen (the same, stripped and converted to ELF32 so
# that multiboot1 loaders such as QEMU's -kernel take it; GRUB takes both)
# and out/x86_64/keel.iso (GRUB rescue ISO with the test guests as modules).

ifneq ($(filter x86_64,$(ARCHES)),)

X86_DIR := xen/arch/x86
X86_OUT := $(O)/x86_64

X86_SRCS := $(sort $(wildcard $(X86_DIR)/*.c $(X86_DIR)/hvm/*.c $(X86_DIR)/hvm/vmx/*.c))
X86_ASMS := $(sort $(wildcard $(X86_DIR)/*.S $(X86_DIR)/hvm/vmx/*.S))
X86_OBJS := $(patsubst $(X86_DIR)/%.c,$(X86_OUT)/arch/%.o,$(X86_SRCS)) \
            $(patsubst $(X86_DIR)/%.S,$(X86_OUT)/arch/%.o,$(X86_ASMS))
X86_CFLAGS = $(HV_CFLAGS) $(HV_CFLAGS_x86_64) -I$(X86_DIR)/include -I$(X86_OUT)/include

$(X86_OUT)/arch/%.o: $(X86_DIR)/%.c $(X86_OUT)/include/generated/compile.h
	@mkdir -p $(@D)
	$(CROSS_x86_64)gcc $(X86_CFLAGS) -MMD -MP -c $< -o $@

$(X86_OUT)/arch/%.o: $(X86_DIR)/%.S
	@mkdir -p $(@D)
	$(CROSS_x86_64)gcc $(X86_CFLAGS) -D__ASSEMBLY__ -MMD -MP -c $< -o $@

$(X86_OUT)/xen-syms: $(X86_OBJS) $(COMMON_OBJS_x86_64) $(X86_DIR)/xen.lds \
                      scripts/link-symbols.sh scripts/gen-symbols.sh
	scripts/link-symbols.sh $@ $(CROSS_x86_64)nm $(CROSS_x86_64)gcc \
	    $(CROSS_x86_64)ld -m elf_x86_64 -nostdlib -z noexecstack -z max-page-size=4096 \
	    --build-id=sha1 -T $(X86_DIR)/xen.lds $(X86_OBJS) $(COMMON_OBJS_x86_64)

$(X86_OUT)/xen: $(X86_OUT)/xen-syms
	$(CROSS_x86_64)objcopy --strip-all -O elf32-i386 $< $@

# The ISO boots the ABI guest (d1), the isolation guest (d2, control domain)
# and a module without a PVH note, which must be refused.
X86_GUESTS := $(X86_OUT)/guests/pvh-test.elf $(X86_OUT)/guests/no-pvh-note.elf
$(X86_OUT)/keel.iso: $(X86_OUT)/xen $(X86_GUESTS) tests/x86_64/mkiso.sh
	tests/x86_64/mkiso.sh $@ multiboot2 $(X86_OUT)/xen "console=com1 loglvl=info" \
	    "$(X86_OUT)/guests/pvh-test.elf name=abi mem=16M cpus=1 caps=0 test=abi" \
	    "$(X86_OUT)/guests/pvh-test.elf name=isolation mem=8M cpus=1 caps=1 test=isolation" \
	    "$(X86_OUT)/guests/pvh-test.elf name=spin mem=4M cpus=1 spin=60000000" \
	    "$(X86_OUT)/guests/pvh-test.elf name=triple mem=4M cpus=1 test=triple" \
	    "$(X86_OUT)/guests/no-pvh-note.elf name=nonote mem=4M cpus=1 caps=0"

ALL_TARGETS += $(X86_OUT)/xen $(X86_OUT)/xen-syms $(X86_OUT)/keel.iso

-include $(X86_OBJS:.o=.d)

endif
