# SPDX-License-Identifier: GPL-2.0-only
#
# xen/common/ built for each hypervisor arch: out/<arch>/common/*.o and
# out/<arch>/libcommon.a. An arch.mk links $(COMMON_OBJS_<arch>) into its
# hypervisor. Generated headers go to out/<arch>/include/generated/.

COMMON_SRCS := $(sort $(wildcard xen/common/*.c xen/common/lib/*.c xen/common/livepatch/*.c \
                              xen/common/sched/*.c))

# compile.h: version strings for XENVER_*/VERSION_* (changeset from git).
# Rewritten only when its content changes, so builds stay incremental.
$(O)/%/include/generated/compile.h: FORCE
	@CC=$(CROSS_$*)gcc scripts/mkcompile_h.sh $@

# Made by a pattern rule, so make would delete it as an intermediate file.
.PRECIOUS: $(O)/%/include/generated/compile.h

.PHONY: FORCE
FORCE:

define common_arch
COMMON_OBJS_$(1) := $$(patsubst xen/%.c,$(O)/$(1)/%.o,$$(COMMON_SRCS))

$(O)/$(1)/common/%.o: xen/common/%.c $(O)/$(1)/include/generated/compile.h
	@mkdir -p $$(@D)
	$$(call quiet,CC,$$@)$$(CROSS_$(1))gcc $$(HV_CFLAGS) $$(HV_CFLAGS_$(1)) $$(HV_OPT_CFLAGS) -Ixen/arch/$(if $(filter arm64,$(1)),arm,x86)/include \
	    -I$(O)/$(1)/include -MMD -MP -c $$< -o $$@

$(O)/$(1)/libcommon.a: $$(COMMON_OBJS_$(1))
	@rm -f $$@
	$$(call quiet,AR,$$@)$$(CROSS_$(1))ar rcs $$@ $$^

common-$(1): $(O)/$(1)/libcommon.a
ALL_TARGETS += $(O)/$(1)/libcommon.a
-include $$(COMMON_OBJS_$(1):.o=.d)
endef

$(foreach a,$(ARCHES),$(eval $(call common_arch,$(a))))
