#!/usr/bin/env bash
# End-to-end benchmark: wall time and peak RSS of mpcap commands on a large capture.
#
#   bench/e2e.sh CAPTURE [REPEATS]
#
# Record the reference capture (~12 M packets, ~1.7 GB at snaplen 128) once with the testbed:
#   sudo sample-pcaps/record.sh --bulk --scenario fullmesh --runs 1 --bytes 14G -o /tmp/bulk
#   bench/e2e.sh /tmp/bulk/fullmesh/run-01.pcap
# Prints one line per command and repeat: command, wall seconds, peak RSS (MB), and the best of the repeats.
# Uses GNU time (apt-get install -y time) for the peak RSS. Times the launcher, as users run it (its JVM options,
# MPCAP_JAVA_OPTS if set; its staleness check costs a few ms). Run it on an idle machine: `uptime` is printed for
# the record. Before each run the capture
# is read once so that it is in the page cache (on these VMs the cache is reclaimed between runs otherwise, and
# the numbers then measure the virtual disk).
set -euo pipefail
cap="${1:?usage: bench/e2e.sh CAPTURE [REPEATS]}"
repeats="${2:-3}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ -x /usr/bin/time ] || { echo "bench: needs GNU time (apt-get install -y time)" >&2; exit 2; }
"$root/mpcap" --version >/dev/null   # builds the jar when stale
packets=$("$root/mpcap" summary --json "$cap" 2>/dev/null | grep -o '"packets" *: *[0-9]*' | head -1 | grep -o '[0-9]*$' || true)
echo "capture: $cap ($(du -h "$cap" | cut -f1), ${packets:-?} packets); java: $(java -version 2>&1 | head -1); $(uptime)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
run() {
  local name="$1"; shift
  local best=""
  for i in $(seq 1 "$repeats"); do
    cat "$cap" > /dev/null   # measure mpcap, not the disk: the capture is in the page cache, as right after recording
    /usr/bin/time -f '%e %M' -o "$out/time" "$root/mpcap" "$@" >/dev/null 2>"$out/err" || {
      echo "bench: '$name' failed:"; cat "$out/err"; return 1; }
    read -r wall rss_kb < "$out/time"
    printf '%-40s run %d: %6.2f s  %6d MB\n' "$name" "$i" "$wall" "$((rss_kb / 1024))"
    if [ -z "$best" ] || awk "BEGIN{exit !($wall < $best)}"; then best=$wall; fi
  done
  printf '%-40s best: %6.2f s\n' "$name" "$best"
}
run "summary" summary "$cap"
run "export --table transfers (all statistics)" export --table transfers "$cap"
rm -rf "$out/report"
run "report -o (html+xlsx+charts)" report --force -q "$cap" -o "$out/report"
