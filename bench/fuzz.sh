#!/usr/bin/env bash
# Mutation campaign through the command line: N mutants (default 10 000) of the bundled captures, with the
# mutator and the assertions of reports/src/test/java/org/mpcap/reports/cli/MutationFuzzTest.java (exit 0 or 3,
# no stack trace, no internal error, at most 4 stderr lines naming the file, 30 s per run at most), in one JVM.
# The test suite runs 300 of them; this runs the large campaign whose result README quotes. Exits non-zero if
# any mutant fails (the first failure is printed).
# Usage: bench/fuzz.sh [N]     (MVN_FLAGS="" to let Maven go online; default -o)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-10000}"
log="$(mktemp)"
start=$(date +%s)
cd "$root"
rc=0
MPCAP_FUZZ_MUTANTS="$n" mvn -B ${MVN_FLAGS--o} -pl reports -am test -Dtest=MutationFuzzTest \
    -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1 || rc=$?
grep -E "^fuzz:|Tests run:.*MutationFuzzTest|mutant [0-9]+ \(" "$log" | head -20 || true
echo "bench/fuzz.sh: $n mutants, $(( $(date +%s) - start )) s wall (build included), exit $rc (log: $log)"
exit "$rc"
