#!/usr/bin/env bash
# Scale benchmark: wall time and peak RSS of mpcap on generated captures with many connections or a join flood,
# with the launcher's default JVM options (-Xmx1g) unless MPCAP_JAVA_OPTS is set.
#
#   bench/scale.sh [DIR [SIZES [KINDS]]]
#
# DIR (default /tmp/mpcap-scale) receives the generated captures (kept between runs; 1 M complete connections
# take 670 MB); SIZES defaults to "10000 100000 1000000"; KINDS to "syn mptcp tcpsyn" (flood sizes are join SYNs:
# bench/scale.sh /tmp/mpcap-scale "4000 10000" flood; spoofed = plain TCP SYNs each from its own source address:
# bench/scale.sh /tmp/mpcap-scale 1000000 spoofed; partial = connections whose handshakes were missed, matched
# by DSN: bench/scale.sh /tmp/mpcap-scale "100000 1000000" partial; quiet = connections over two hours of capture
# time: bench/scale.sh /tmp/mpcap-scale 100 quiet). The captures come from
# reports/src/test/java/org/mpcap/reports/scale/SyntheticCaptures.java, run with the JDK's source launcher.
# Prints one line per command: kind, size, command, exit code, wall seconds, peak RSS (MB), output bytes, and the
# load average when it started. `export --table transfers` computes the trackers and the flow statistics only;
# `export --all-statistics --table transfers` every statistic, as `report` (which runs up to 100 000 connections).
# Uses GNU time (apt-get install -y time).
set -euo pipefail
dir="${1:-/tmp/mpcap-scale}"
sizes="${2:-10000 100000 1000000}"
kinds="${3:-syn mptcp tcpsyn}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
gen="$root/reports/src/test/java/org/mpcap/reports/scale/SyntheticCaptures.java"
[ -x /usr/bin/time ] || { echo "bench: needs GNU time (apt-get install -y time)" >&2; exit 2; }
mkdir -p "$dir"
"$root/mpcap" --version >/dev/null   # builds the jar when stale
echo "java: $(java -version 2>&1 | head -1); MPCAP_JAVA_OPTS='${MPCAP_JAVA_OPTS:-}'; $(uptime)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
run() {
  local kind="$1" n="$2" name="$3"; shift 3
  local rc=0 load
  load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -f '%e %M' -o "$out/time" "$root/mpcap" "$@" >"$out/stdout" 2>"$out/err" || rc=$?
  read -r wall rss_kb < <(tail -1 "$out/time")
  local bytes
  if [ -d "$out/report" ]; then bytes=$(du -sb "$out/report/index.html" | cut -f1); else bytes=$(stat -c %s "$out/stdout"); fi
  printf '%-7s %8s  %-26s rc=%d  %7.2f s  %5d MB  %12d B  load %s\n' "$kind" "$n" "$name" "$rc" "$wall" \
    "$((rss_kb / 1024))" "$bytes" "$load"
  [ "$rc" = 0 ] || sed 's/^/    stderr: /' "$out/err" | head -3
  rm -rf "$out/report"
}
for kind in $kinds; do
  for n in $sizes; do
    cap="$dir/$kind-$n.pcap"
    [ -s "$cap" ] || java "$gen" "$kind" "$n" "$cap" >/dev/null
    cat "$cap" >/dev/null   # in the page cache: measure mpcap, not the disk
    run "$kind" "$n" "summary" summary -q "$cap"
    run "$kind" "$n" "export --table connections" export -q --table connections "$cap"
    run "$kind" "$n" "export --table transfers" export -q --table transfers "$cap"
    # every statistic computed (as report does), the same table written
    run "$kind" "$n" "export --all-statistics" export -q --all-statistics --table transfers "$cap"
    if [ "$kind" = flood ] || [ "$n" -le 100000 ]; then
      run "$kind" "$n" "report" report -q "$cap" -o "$out/report"
    fi
  done
done
