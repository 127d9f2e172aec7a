# SPDX-License-Identifier: GPL-2.0-only
#
# Live-patch test payloads and the in-emulator live-patch suite.
#
#   make livepatch-tests   payloads for each arch under out/<arch>/livepatch/,
#                          built against that arch's exact xen-syms
#   make check-livepatch   ARM64 under QEMU (-smp 3): a control domain
#                          uploads/applies/reverts/replaces/unloads them while
#                          a non-control domain keeps running (suite "livepatch")
#
# A payload is compiled with -ffunction-sections -fdata-sections, linked with
# ld -r --build-id=sha1, and gets .livepatch.xen_depends (the hypervisor's
# build-id note) and .livepatch.depends (the build-id it stacks on) with
# objcopy --add-section.

LP_PAYLOADS := hello_world bye_world replace_world nop no_xen_buildid hooks prehook_veto \
               expect_ok expect_fail
# What each payload stacks on (.livepatch.depends): the hypervisor unless named.
LP_DEP_bye_world := bye_world_dep_hello_world
LP_DEP_nop := nop_dep_bye_world
LP_SRC_expect_ok := expect
LP_SRC_expect_fail := expect
LP_FLAGS_expect_fail := -DEXPECT_FAIL

LP_CFLAGS := -std=gnu11 -O2 -ffreestanding -fno-common -fno-pic -fno-stack-protector \
             -ffunction-sections -fdata-sections -fno-asynchronous-unwind-tables \
             $(WARN_CFLAGS) -Wno-missing-prototypes -I. -Ixen/include
LP_CFLAGS_arm64 := -mgeneral-regs-only -mstrict-align -mno-outline-atomics -mcmodel=small
LP_CFLAGS_x86_64 := -mno-red-zone -mno-sse -mno-mmx -mcmodel=small

# $(1): arch
define livepatch_payloads
LP_OUT_$(1) := $(O)/$(1)/livepatch
LP_FILES_$(1) := $$(patsubst %,$$(LP_OUT_$(1))/%.livepatch,$$(LP_PAYLOADS))

# The hypervisor's build-id note, as the payloads must carry it.
$$(LP_OUT_$(1))/xen.note: $(O)/$(1)/xen-syms
	@mkdir -p $$(@D)
	$$(call quiet,OBJCOPY,$$@)$$(CROSS_$(1))objcopy -O binary --only-section=.note.gnu.build-id $$< $$@

$$(LP_OUT_$(1))/xen_extra_version.flags: $(O)/$(1)/xen-syms tests/livepatch/func-info.py
	@mkdir -p $$(@D)
	$$(call quiet,GEN,$$@)tests/livepatch/func-info.py $$< xen_extra_version > $$@

$$(LP_OUT_$(1))/%.o: tests/livepatch/payloads/$$$$(or $$$$(LP_SRC_$$$$*),$$$$*).c \
                     tests/livepatch/payloads/payload.h $$(LP_OUT_$(1))/xen_extra_version.flags
	$$(call quiet,CC,$$@)$$(CROSS_$(1))gcc $$(LP_CFLAGS) $$(LP_CFLAGS_$(1)) $$(LP_FLAGS_$$*) \
	    $$$$(cat $$(LP_OUT_$(1))/xen_extra_version.flags) -c $$< -o $$@

$$(LP_OUT_$(1))/%.r.o: $$(LP_OUT_$(1))/%.o
	$$(call quiet,LD,$$@)$$(CROSS_$(1))ld -r --build-id=sha1 -o $$@ $$<

# A payload's own build-id note, for the payloads that stack on it.
$$(LP_OUT_$(1))/%.note: $$(LP_OUT_$(1))/%.r.o
	$$(call quiet,OBJCOPY,$$@)$$(CROSS_$(1))objcopy -O binary --only-section=.note.gnu.build-id $$< $$@

$$(LP_OUT_$(1))/%.livepatch: $$(LP_OUT_$(1))/%.r.o $$(LP_OUT_$(1))/xen.note \
                             $$$$(if $$$$(LP_DEP_$$$$*),$$(LP_OUT_$(1))/$$$$(lastword $$$$(subst _dep_, ,$$$$(LP_DEP_$$$$*))).note)
	$$(call quiet,OBJCOPY,$$@)$$(CROSS_$(1))objcopy \
	    --add-section .livepatch.depends=$$(if $$(LP_DEP_$$*),$$(LP_OUT_$(1))/$$(lastword $$(subst _dep_, ,$$(LP_DEP_$$*))).note,$$(LP_OUT_$(1))/xen.note) \
	    $$(if $$(filter no_xen_buildid,$$*),,--add-section .livepatch.xen_depends=$$(LP_OUT_$(1))/xen.note) \
	    $$< $$@

.SECONDARY: $$(patsubst %,$$(LP_OUT_$(1))/%.o,$$(LP_PAYLOADS)) $$(patsubst %,$$(LP_OUT_$(1))/%.r.o,$$(LP_PAYLOADS)) \
            $$(patsubst %,$$(LP_OUT_$(1))/%.note,$$(LP_PAYLOADS))
livepatch-tests: $$(LP_FILES_$(1))
ALL_TARGETS += $$(LP_FILES_$(1))
endef

.SECONDEXPANSION:
.PHONY: livepatch-tests check-livepatch
$(foreach a,$(ARCHES),$(eval $(call livepatch_payloads,$(a))))

ifneq ($(filter arm64,$(ARCHES)),)
# The ARM64 live-patch guests: the control guest carries the payloads.
LP_GUESTS_arm64 := $(GUEST_OUT)/livepatch.Image $(GUEST_OUT)/livepatch_bystander.Image

$(GUEST_OUT)/obj/livepatch_payloads.o: tests/guests/livepatch_payloads.S $(LP_FILES_arm64)
	@mkdir -p $(@D)
	$(call quiet,CC,$@)$(CROSS_arm64)gcc $(GUEST_CFLAGS) -I$(LP_OUT_arm64) -c $< -o $@

$(GUEST_OUT)/livepatch.elf: $(GUEST_OUT)/obj/livepatch.o $(GUEST_OUT)/obj/livepatch_payloads.o \
                            $(GUEST_LIB_OBJS) $(GUEST_DIR)/arch/arm64/guest.lds
	$(call quiet,LD,$@)$(CROSS_arm64)ld -static -nostdlib -z noexecstack --no-warn-rwx-segments \
	    -T $(GUEST_DIR)/arch/arm64/guest.lds -o $@ $(GUEST_LIB_OBJS) \
	    $(GUEST_OUT)/obj/livepatch.o $(GUEST_OUT)/obj/livepatch_payloads.o

.SECONDARY: $(GUEST_OUT)/obj/livepatch.o $(GUEST_OUT)/obj/livepatch_bystander.o \
            $(GUEST_OUT)/livepatch.elf $(GUEST_OUT)/livepatch_bystander.elf
ALL_TARGETS += $(LP_GUESTS_arm64)

check-livepatch: $(O)/arm64/xen $(LP_GUESTS_arm64)
	@tests/livepatch/run.sh check

bench-livepatch: $(O)/arm64/xen $(LP_GUESTS_arm64)
	@tests/livepatch/run.sh bench

.PHONY: bench-livepatch
TEST_SUITES += livepatch
BENCH_TARGETS += bench-livepatch
endif

# ---- libFuzzer target for the loader (fuzz/livepatch_load.c) ----
# make fuzz: FUZZ_SECONDS (default 60) of fuzzing from the test payloads;
# the same bounded run is suite "fuzz" of make test.
FUZZ_SECONDS ?= 60
FUZZ_BIN := $(O)/host/fuzz/livepatch_load
FUZZ_SRCS := fuzz/livepatch_load.c $(filter-out xen/common/lib/string.c,$(COMMON_SRCS)) \
             tests/unit/fake/arch.c tests/unit/fake/livepatch.c tests/unit/fake/symbols.c \
             tests/unit/fake/nop_target.S xen/arch/x86/livepatch_reloc.c
FUZZ_CFLAGS := -std=gnu11 -g -O1 -fno-strict-aliasing -fsanitize=fuzzer,address,undefined \
               -fno-sanitize-recover=all -I. -Ixen/include -Itests/unit/fake/include \
               -I$(O)/host/include

$(O)/host/fuzz/string.o: xen/common/lib/string.c tests/unit/string_rename.h
	@mkdir -p $(@D)
	$(call quiet,CC,$@)clang -std=gnu11 -O1 -g -I. -Ixen/include -fno-builtin -include tests/unit/string_rename.h \
	    -c $< -o $@

$(FUZZ_BIN): $(FUZZ_SRCS) $(O)/host/fuzz/string.o $(O)/host/include/generated/compile.h
	@mkdir -p $(@D)
	$(call quiet,LD,$@)clang $(FUZZ_CFLAGS) -o $@ $(FUZZ_SRCS) $(O)/host/fuzz/string.o $(UNIT_TEXT_SYMS)

# Seeds: the unit tests' payloads (built for the fake arch) and the x86-64 test payloads.
fuzz check-fuzz: $(FUZZ_BIN) $(UNIT_PAYLOADS) $(if $(filter x86_64,$(ARCHES)),$(LP_FILES_x86_64))
	@rm -rf $(O)/host/fuzz/corpus && mkdir -p $(O)/host/fuzz/corpus
	@cp $(UNIT_PAYLOADS) $(filter %.livepatch,$^) $(O)/host/fuzz/corpus/
	@if $(FUZZ_BIN) -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 \
	        -print_final_stats=1 -artifact_prefix=$(O)/host/fuzz/ $(O)/host/fuzz/corpus >$(O)/host/fuzz/run.log 2>&1; then \
	    grep -E '^stat::number_of_executed_units|^Done' $(O)/host/fuzz/run.log | sed 's/^/fuzz: /'; \
	    echo "fuzz: 1 passed, 0 failed"; \
	else tail -n 60 $(O)/host/fuzz/run.log; echo "fuzz: 0 passed, 1 failed"; exit 1; fi

.PHONY: fuzz check-fuzz
ALL_TARGETS += $(FUZZ_BIN)
TEST_SUITES += fuzz

ifneq ($(filter x86_64,$(ARCHES)),)
# x86-64 under Bochs: the same guests, the x86-64 payloads, one physical CPU
# (suite "livepatch-x86_64", tests/livepatch/run-x86_64.sh). This file is read
# before tests/x86_64/suite.mk: its variables are used in recipes or through
# second expansion only.
LP_X86_GUESTS := $(O)/x86_64/guests
$(LP_X86_GUESTS)/obj/livepatch_payloads.o: tests/guests/livepatch_payloads.S $(LP_FILES_x86_64)
	@mkdir -p $(@D)
	$(call quiet,CC,$@)$(CROSS_x86_64)gcc $(X86_GUEST_CFLAGS) -I$(LP_OUT_x86_64) -c $< -o $@

$(LP_X86_GUESTS)/livepatch.elf: $(LP_X86_GUESTS)/obj/livepatch.o \
                                $(LP_X86_GUESTS)/obj/livepatch_payloads.o $$(X86_GUEST_LIB_OBJS) \
                                tests/guests/arch/x86_64/guest.lds
	$(call quiet,LD,$@)$(CROSS_x86_64)ld -m elf_x86_64 -nostdlib -z noexecstack -z max-page-size=4096 \
	    --no-warn-rwx-segments -T tests/guests/arch/x86_64/guest.lds -o $@ \
	    $(X86_GUEST_LIB_OBJS) $(LP_X86_GUESTS)/obj/livepatch.o $(LP_X86_GUESTS)/obj/livepatch_payloads.o

$(O)/x86_64/keel-livepatch.iso: $(O)/x86_64/xen $(LP_X86_GUESTS)/livepatch.elf \
                                $(LP_X86_GUESTS)/livepatch_bystander.elf tests/x86_64/mkiso.sh
	$(call quiet,ISO,$@)tests/x86_64/mkiso.sh $@ multiboot2 $(O)/x86_64/xen "console=com1" \
	    "$(LP_X86_GUESTS)/livepatch.elf name=control mem=16M cpus=1 caps=1" \
	    "$(LP_X86_GUESTS)/livepatch_bystander.elf name=bystander mem=8M cpus=1 ms=150"

.SECONDARY: $(LP_X86_GUESTS)/obj/livepatch.o $(LP_X86_GUESTS)/obj/livepatch_bystander.o
ALL_TARGETS += $(O)/x86_64/keel-livepatch.iso

.PHONY: check-livepatch-x86_64
check-livepatch-x86_64: $(O)/x86_64/keel-livepatch.iso
	@tests/livepatch/run-x86_64.sh $(O)/x86_64
TEST_SUITES += livepatch-x86_64
endif
