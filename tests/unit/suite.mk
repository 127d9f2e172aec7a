# SPDX-License-Identifier: GPL-2.0-only
#
# Host unit tests of xen/common/ against the fake arch (tests/unit/fake/):
#   out/host/unit/keel-unit      under ASan + UBSan   (suite "unit")
#   out/host/cov/keel-unit       with gcov counters   (make coverage)
# xen/common/lib/string.c is built with its functions renamed (keel_memcpy,
# ...) so that it can be tested beside the host C library.

UNIT_SRCS := $(sort $(wildcard tests/unit/*.c)) tests/unit/fake/arch.c tests/unit/fake/livepatch.c \
             tests/unit/fake/symbols.c tests/unit/fake/nop_target.S tests/unit/payloads.S \
             xen/arch/x86/livepatch_reloc.c xen/arch/arm/livepatch_reloc.c \
             xen/arch/arm/kernel_image.c xen/arch/arm/dt.c xen/arch/arm/direct_map.c \
             xen/arch/arm/static_mem.c xen/arch/arm/bootmem.c xen/arch/arm/passthrough.c \
             tests/unit/dtbs.S
UNIT_COMMON_SRCS := $(filter-out xen/common/lib/string.c,$(COMMON_SRCS))
# Live-patch payloads for the loader tests: one source, one -D per broken rule.
LP_VARIANTS := hello no-build-id no-xen-id wrong-xen-id unknown-symbol unknown-old bad-version \
               hook-outside-text abs32-overflow unsupported-reloc
LP_FLAGS_no-build-id := -DNO_BUILD_ID
LP_FLAGS_no-xen-id := -DNO_XEN_ID
LP_FLAGS_wrong-xen-id := -DWRONG_XEN_ID
LP_FLAGS_unknown-symbol := -DUNKNOWN_SYMBOL
LP_FLAGS_unknown-old := -DUNKNOWN_OLD
LP_FLAGS_bad-version := -DBAD_VERSION
LP_FLAGS_hook-outside-text := -DHOOK_OUTSIDE_TEXT
LP_FLAGS_abs32-overflow := -DABS32_OVERFLOW
LP_FLAGS_unsupported-reloc := -DUNSUPPORTED_RELOC
# State-machine payloads (tests/unit/payloads/world.c), one -DWORLD_* each.
LP_WORLDS := hello bye replace veto nop expect_ok expect_fail bad_dep bad_old
UNIT_PAYLOADS := $(O)/host/payloads/sample-x86_64.o $(O)/host/payloads/sample-aarch64.o \
                 $(patsubst %,$(O)/host/payloads/lp-%.o,$(LP_VARIANTS)) \
                 $(patsubst %,$(O)/host/payloads/world-%.o,$(LP_WORLDS))

$(O)/host/payloads/world-%.o: tests/unit/payloads/world.c $(wildcard public/*.h)
	@mkdir -p $(@D)
	$(call quiet,CC,$@)$(HOSTCC) -I. -O2 -fpie -fno-common -ffunction-sections -fdata-sections -fno-stack-protector \
	    -fno-asynchronous-unwind-tables -ffreestanding -Wall -Werror \
	    -DWORLD_$(shell echo $* | tr a-z A-Z) -c $< -o $@

$(O)/host/payloads/lp-%.o: tests/unit/payloads/hello.c $(wildcard public/*.h)
	@mkdir -p $(@D)
	$(call quiet,CC,$@)$(HOSTCC) -I. -O2 -fpie -fno-common -ffunction-sections -fdata-sections -fno-stack-protector \
	    -fno-asynchronous-unwind-tables -ffreestanding -Wall -Werror $(LP_FLAGS_$*) -c $< -o $@

# Compiler-built relocatable objects the ELF checks must accept.
PAYLOAD_CFLAGS := -O2 -fno-common -ffunction-sections -fdata-sections -fno-pic \
                  -fno-asynchronous-unwind-tables -ffreestanding -Wall -Werror
$(O)/host/payloads/sample-x86_64.o: tests/unit/payloads/sample.c
	@mkdir -p $(@D)
	$(call quiet,CC,$@)$(CROSS_x86_64)gcc $(PAYLOAD_CFLAGS) -mcmodel=small -c $< -o $@
$(O)/host/payloads/sample-aarch64.o: tests/unit/payloads/sample.c
	@mkdir -p $(@D)
	$(call quiet,CC,$@)$(CROSS_arm64)gcc $(PAYLOAD_CFLAGS) -c $< -o $@
# Device trees (tests/unit/dt/*.dts): the host tree and the partial ones.
UNIT_DTBS := $(patsubst tests/unit/dt/%.dts,$(O)/host/dt/%.dtb,$(wildcard tests/unit/dt/*.dts))
$(O)/host/dt/%.dtb: tests/unit/dt/%.dts $(wildcard tests/unit/dt/*.dtsi)
	@mkdir -p $(@D)
	$(call quiet,DTC,$@)dtc -q -I dts -O dtb -i tests/unit/dt -o $@ $<

UNIT_CFLAGS := -std=gnu11 -g -fno-strict-aliasing $(WARN_CFLAGS) -Wno-missing-prototypes -I. -Ixen/include \
               -Itests/unit/fake/include -I$(O)/host/include
UNIT_SAN := -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
UNIT_COV := -O0 --coverage

# $(1): variant (unit|cov), $(2): extra flags
define unit_variant
UNIT_OBJS_$(1) := $$(patsubst %.S,$(O)/host/$(1)/%.o,$$(patsubst %.c,$(O)/host/$(1)/%.o,$$(UNIT_COMMON_SRCS) $$(UNIT_SRCS))) \
                  $(O)/host/$(1)/xen/common/lib/string.o

$(O)/host/$(1)/%.o: %.c $(O)/host/include/generated/compile.h
	@mkdir -p $$(@D)
	$$(call quiet,CC,$$@)$$(HOSTCC) $$(UNIT_CFLAGS) $(2) -MMD -MP -c $$< -o $$@

$(O)/host/$(1)/tests/unit/payloads.o: tests/unit/payloads.S tests/unit/embed.inc $(UNIT_PAYLOADS)
	@mkdir -p $$(@D)
	$$(call quiet,CC,$$@)$$(HOSTCC) -I$(O)/host/payloads -c $$< -o $$@

# The ARM64 relocator beside the x86-64 one the fake arch uses.
$(O)/host/$(1)/xen/arch/arm/livepatch_reloc.o: xen/arch/arm/livepatch_reloc.c
	@mkdir -p $$(@D)
	$$(call quiet,CC,$$@)$$(HOSTCC) $$(UNIT_CFLAGS) $(2) -Darch_livepatch_apply_rela=arm64_apply_rela -MMD -MP -c $$< -o $$@

# The guest kernel layout, the host device tree reader, the guest layout
# (direct_map.c) and static memory with the boot allocator: their asm/
# headers beside the fake arch's, the host's libfdt.
$(O)/host/$(1)/xen/arch/arm/kernel_image.o $(O)/host/$(1)/xen/arch/arm/dt.o \
        $(O)/host/$(1)/xen/arch/arm/direct_map.o $(O)/host/$(1)/xen/arch/arm/static_mem.o \
        $(O)/host/$(1)/xen/arch/arm/bootmem.o: \
        $(O)/host/$(1)/xen/arch/arm/%.o: xen/arch/arm/%.c
	@mkdir -p $$(@D)
	$$(call quiet,CC,$$@)$$(HOSTCC) $$(UNIT_CFLAGS) $(2) -Ixen/arch/arm/include -MMD -MP -c $$< -o $$@
# Their tests read the same headers (after the fake arch's).
$(O)/host/$(1)/tests/unit/test_direct_map.o $(O)/host/$(1)/tests/unit/test_static_mem.o \
        $(O)/host/$(1)/tests/unit/test_passthrough.o: UNIT_CFLAGS += -Ixen/arch/arm/include

# The passthrough parser; in the hypervisor build <asm/guest_map.h> comes
# with arm's <asm/domain.h>, here the fake arch's stands in for that.
$(O)/host/$(1)/xen/arch/arm/passthrough.o: xen/arch/arm/passthrough.c
	@mkdir -p $$(@D)
	$$(call quiet,CC,$$@)$$(HOSTCC) $$(UNIT_CFLAGS) $(2) -Ixen/arch/arm/include \
	    -include asm/guest_map.h -MMD -MP -c $$< -o $$@

# The device trees of the passthrough tests, compiled by dtc and embedded.
$(O)/host/$(1)/tests/unit/dtbs.o: tests/unit/dtbs.S tests/unit/embed.inc $(UNIT_DTBS)
	@mkdir -p $$(@D)
	$$(call quiet,CC,$$@)$$(HOSTCC) -I$(O)/host/dt -c $$< -o $$@

$(O)/host/$(1)/tests/unit/fake/nop_target.o: tests/unit/fake/nop_target.S
	@mkdir -p $$(@D)
	$$(call quiet,CC,$$@)$$(HOSTCC) -c $$< -o $$@

$(O)/host/$(1)/xen/common/lib/string.o: xen/common/lib/string.c tests/unit/string_rename.h
	@mkdir -p $$(@D)
	$$(call quiet,CC,$$@)$$(HOSTCC) $$(UNIT_CFLAGS) $(2) -fno-builtin -include tests/unit/string_rename.h \
	    -MMD -MP -c $$< -o $$@

# The hypervisor's text (<xen/sections.h>) is the test binary's own, as GNU ld marks it.
UNIT_TEXT_SYMS := -Wl,--defsym=_stext=__executable_start -Wl,--defsym=_etext=etext

$(O)/host/$(1)/keel-unit: $$(UNIT_OBJS_$(1))
	$$(call quiet,LD,$$@)$$(HOSTCC) $(2) -o $$@ $$^ $$(UNIT_TEXT_SYMS) -lcunit -lpthread -lfdt

-include $$(UNIT_OBJS_$(1):.o=.d)
endef

$(eval $(call unit_variant,unit,$(UNIT_SAN)))
$(eval $(call unit_variant,cov,$(UNIT_COV)))

ALL_TARGETS += $(O)/host/unit/keel-unit
TEST_SUITES += unit

check-unit: $(O)/host/unit/keel-unit
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
	    $(O)/host/unit/keel-unit

# Line coverage of xen/common/ by the unit tests, as an lcov HTML report.
coverage: deps
	@$(MAKE) --no-print-directory -j$(NPROC) $(O)/host/cov/keel-unit
	@find $(O)/host/cov -name '*.gcda' -delete
	@$(O)/host/cov/keel-unit >$(O)/host/cov/run.log 2>&1 || \
	    { cat $(O)/host/cov/run.log; echo "coverage: unit tests failed"; exit 1; }
	@lcov --quiet --capture --directory $(O)/host/cov --output-file $(O)/host/cov/all.info \
	    --rc lcov_branch_coverage=1 >$(O)/host/cov/lcov.log 2>&1 || \
	    { cat $(O)/host/cov/lcov.log; exit 1; }
	@lcov --quiet --extract $(O)/host/cov/all.info '*/xen/common/*' \
	    --output-file $(O)/host/cov/common.info --rc lcov_branch_coverage=1 >/dev/null
	@rm -rf $(O)/coverage
	@genhtml --quiet --branch-coverage --title "Keel xen/common" \
	    --output-directory $(O)/coverage $(O)/host/cov/common.info >/dev/null
	@lcov --summary $(O)/host/cov/common.info --rc lcov_branch_coverage=1 2>&1 | \
	    sed -n 's/^ *lines\.*: */xen\/common line coverage: /p; s/^ *functions\.*: */xen\/common function coverage: /p; s/^ *branches\.*: */xen\/common branch coverage: /p'
	@echo "report: $(O)/coverage/index.html"
