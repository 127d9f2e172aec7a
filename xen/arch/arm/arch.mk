# SPDX-License-Identifier: GPL-2.0-only
#
# The AArch64 EL2 hypervisor: out/arm64/xen (arm64 Image), out/arm64/xen-syms
# (ELF with symbols), out/arm64/xen.itb (FIT). Linked as a PIE at 0 that
# relocates itself wherever U-Boot loads it.

ifneq ($(filter arm64,$(ARCHES)),)

ARM_DIR := xen/arch/arm
ARM_OUT := $(O)/arm64
LIBFDT_ROOT := $(ARM_OUT)/libfdt/root
LIBFDT_A := $(LIBFDT_ROOT)/usr/lib/aarch64-linux-gnu/libfdt.a

# -fpie: code reaches data PC-relatively or through the GOT, which head.S
# relocates. Applies to the common objects too.
HV_CFLAGS_arm64 += -fpie -fvisibility=hidden -march=armv8-a

ARM_SRCS := $(sort $(wildcard $(ARM_DIR)/*.c))
ARM_ASMS := $(sort $(wildcard $(ARM_DIR)/*.S))
ARM_OBJS := $(patsubst $(ARM_DIR)/%.c,$(ARM_OUT)/arch/%.o,$(ARM_SRCS)) \
            $(patsubst $(ARM_DIR)/%.S,$(ARM_OUT)/arch/%.o,$(ARM_ASMS))
ARM_CFLAGS = $(HV_CFLAGS) $(HV_CFLAGS_arm64) -I$(ARM_DIR)/include -I$(ARM_OUT)/include \
             -isystem $(LIBFDT_ROOT)/usr/include

$(LIBFDT_A):
	@$(ARM_DIR)/fetch-libfdt.sh $(abspath $(ARM_OUT)/libfdt)

$(ARM_OUT)/arch/%.o: $(ARM_DIR)/%.c $(LIBFDT_A)
	@mkdir -p $(@D)
	$(CROSS_arm64)gcc $(ARM_CFLAGS) -MMD -MP -c $< -o $@

$(ARM_OUT)/arch/%.o: $(ARM_DIR)/%.S
	@mkdir -p $(@D)
	$(CROSS_arm64)gcc $(ARM_CFLAGS) -D__ASSEMBLY__ -MMD -MP -c $< -o $@

# Only R_AARCH64_RELATIVE may remain: that is all head.S knows how to apply.
$(ARM_OUT)/xen-syms: $(ARM_OBJS) $(COMMON_OBJS_arm64) $(LIBFDT_A) $(ARM_DIR)/xen.lds \
                     scripts/link-symbols.sh scripts/gen-symbols.sh \
                     scripts/check-nospec.sh scripts/nospec-sites.txt
	scripts/link-symbols.sh $@ $(CROSS_arm64)nm $(CROSS_arm64)gcc \
	    $(CROSS_arm64)ld -pie --no-dynamic-linker -z norelro -z noexecstack --build-id=sha1 \
	    -z max-page-size=4096 -T $(ARM_DIR)/xen.lds $(ARM_OBJS) $(COMMON_OBJS_arm64) \
	    $(LIBFDT_A)
	@bad=$$($(CROSS_arm64)readelf -rW $@ | awk '/R_AARCH64_/ && $$3 != "R_AARCH64_RELATIVE" && $$3 != "R_AARCH64_NONE"' ); \
	if [ -n "$$bad" ]; then echo "$@: relocations head.S cannot apply:"; echo "$$bad"; \
	    rm -f $@; exit 1; fi
	@scripts/check-nospec.sh arm64 $(CROSS_arm64)objdump $@ scripts/nospec-sites.txt || \
	    { rm -f $@; exit 1; }

$(ARM_OUT)/xen: $(ARM_OUT)/xen-syms
	$(CROSS_arm64)objcopy -O binary $< $@

$(ARM_OUT)/xen.its: $(ARM_DIR)/xen.its.in
	@mkdir -p $(@D)
	cp $< $@

$(ARM_OUT)/xen.itb: $(ARM_OUT)/xen $(ARM_OUT)/xen.its
	cd $(ARM_OUT) && mkimage -f xen.its xen.itb >/dev/null

ALL_TARGETS += $(ARM_OUT)/xen $(ARM_OUT)/xen-syms $(ARM_OUT)/xen.itb

-include $(ARM_OBJS:.o=.d)

endif
