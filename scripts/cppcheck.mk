# SPDX-License-Identifier: GPL-2.0-only
# Static analysis of the hypervisor and the release tool (suite "cppcheck").
CPPCHECK_DIRS := $(wildcard xen release)
TEST_SUITES += cppcheck

cppcheck check-cppcheck:
	@if cppcheck --error-exitcode=1 --quiet --inline-suppr --std=c11 \
	    --enable=warning,portability,performance \
	    --suppress=missingIncludeSystem --suppress=unmatchedSuppression \
	    -I xen/include -I . $(CPPCHECK_DIRS); then \
	    echo "cppcheck: 1 passed, 0 failed"; \
	else echo "cppcheck: 0 passed, 1 failed"; exit 1; fi

# clang-tidy (.clang-tidy) over the common code, with the host unit tests'
# include paths (suite "tidy").
TIDY_SRCS := $(COMMON_SRCS) $(LIVEPATCH_SRCS)
TEST_SUITES += tidy

tidy check-tidy: $(O)/host/include/generated/compile.h
	@fail=0; for f in $(TIDY_SRCS); do \
	    clang-tidy --quiet $$f -- -std=gnu11 -ffreestanding -I. -Ixen/include \
	        -Itests/unit/fake/include -I$(O)/host/include >$(O)/tidy.log 2>&1 || \
	        { fail=$$((fail + 1)); echo "not ok - $$f"; grep -E 'warning|error' $(O)/tidy.log; continue; }; \
	done; \
	echo "tidy: $$(( $(words $(TIDY_SRCS)) - fail )) passed, $$fail failed"; [ $$fail -eq 0 ]
