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
