#!/usr/bin/env bash
# End-to-end benchmark: wall time and peak RSS of mpcap commands on a large capture, the floors under them and the
# reference tools, measured in one run, alternating, and printed as ratios.
#
#   bench/e2e.sh CAPTURE [REPEATS]
#
# Record the reference capture (~12 M packets, ~1.7 GB at snaplen 128) once with the testbed:
#   sample-pcaps/record.sh --bulk --scenario fullmesh --runs 1 --bytes 14G -o /tmp/bulk     (as root)
#   bench/e2e.sh /tmp/bulk/fullmesh/run-01.pcap 5
#
# Each round runs, one after the other:
#   floor            a JVM that reads every record with mpcap's reader and touches it (bench/ReadFloor.java)
#   decode floor     the same, decoding every record (link, IP, TCP, MPTCP options)
#   summary          read, decode, track TCP and MPTCP
#   export           `export --table transfers`: the trackers and the flow statistics that table needs
#   export-all       `export --table transfers --all-statistics`: every statistic is computed (what `report` needs)
#   report           HTML, xlsx, charts, CSV, Markdown, LaTeX
#   mptcptrace       `mptcptrace -f V0CAP -s -F` (sequence graph, flight size: what the build from its stored
#                    sources offers) next to mpcap `export-all` on the same file, when MPTCPTRACE_CAPTURE names an
#                    MPTCP v0 capture and mptcptrace is on PATH (how to build it: bench/README.md). The kernel
#                    here speaks v1 only; bench/V0Bulk.java writes a v0 bulk capture:
#                      java bench/V0Bulk.java /tmp/v0bulk.pcap 2000000     # 4 M packets, 468 MB
#                      MPTCPTRACE_CAPTURE=/tmp/v0bulk.pcap bench/e2e.sh /tmp/bulk/fullmesh/run-01.pcap 5
#   tshark conv      `tshark -q -z conv,tcp` on the first 270 000 packets (SMALL, made with editcap), next to
#                    mpcap `export-all` on the same file (tshark takes minutes on the whole capture)
# and prints per command the best and the median wall time over the rounds, peak RSS, and the ratios: each command
# against the floor, mpcap export against mptcptrace, and tshark against mpcap on the small file.
# Uses GNU time (apt-get install -y time). Times the launcher, as users run it (its JVM options, MPCAP_JAVA_OPTS
# if set). Run it on an idle machine: `uptime` is printed before and after. Before each run the capture is read
# once so that it is in the page cache (on these VMs the cache is reclaimed between runs otherwise, and the numbers
# then measure the virtual disk).
set -euo pipefail
cap="${1:?usage: bench/e2e.sh CAPTURE [REPEATS]}"
repeats="${2:-3}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ -x /usr/bin/time ] || { echo "bench: needs GNU time (apt-get install -y time)" >&2; exit 2; }
"$root/mpcap" --version >/dev/null   # builds the jar when stale
jar="$root/reports/target/mpcap.jar"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
javac -cp "$jar" -d "$out/floor" "$root/bench/ReadFloor.java"   # compiled once: javac is not part of the floor
packets=$(java -cp "$jar:$out/floor" ReadFloor "$cap" | cut -d' ' -f1)
echo "capture: $cap ($(du -h "$cap" | cut -f1), $packets packets); java: $(java -version 2>&1 | head -1)"
echo "before: $(uptime)"
small=""
if command -v tshark >/dev/null && command -v editcap >/dev/null; then
  small="$out/small.pcap"
  editcap -r "$cap" "$small" 1-270000 2>/dev/null
fi
# mptcptrace reads MPTCP v0 only: on a v1 capture it stops at the first connection's handshake ("no Key found")
# within milliseconds, so it is timed only on a v0 capture given as MPTCPTRACE_CAPTURE (next to mpcap on it).
have_mptcptrace=""
if [ -n "${MPTCPTRACE_CAPTURE:-}" ] && command -v mptcptrace >/dev/null; then have_mptcptrace=1; fi

# run NAME INPUT COMMAND... : one timed run, appended to $out/NAME.times as "wall rss_mb"
run() {
  local name="$1" input="$2"; shift 2
  cat "$input" > /dev/null   # measure the tool, not the disk
  if ! /usr/bin/time -f '%e %M' -o "$out/time" "$@" >/dev/null 2>"$out/err"; then
    echo "bench: '$name' failed:"; head -5 "$out/err"; return 1
  fi
  read -r wall rss_kb < "$out/time"
  echo "$wall $((rss_kb / 1024))" >> "$out/$name.times"
  printf '  %-34s %7.2f s  %6d MB\n' "$name" "$wall" "$((rss_kb / 1024))"
}
floor_cmd=(java -XX:+UseSerialGC -Xmx1g -cp "$jar:$out/floor" ReadFloor)
for i in $(seq 1 "$repeats"); do
  echo "round $i:"
  run floor "$cap" "${floor_cmd[@]}" "$cap"
  run decode-floor "$cap" "${floor_cmd[@]}" --decode "$cap"
  run summary "$cap" "$root/mpcap" summary "$cap"
  run export "$cap" "$root/mpcap" export --table transfers "$cap"
  run export-all "$cap" "$root/mpcap" export --table transfers --all-statistics "$cap"
  rm -rf "$out/report"
  run report "$cap" "$root/mpcap" report --force -q "$cap" -o "$out/report"
  if [ -n "$have_mptcptrace" ]; then
    mkdir -p "$out/mt"
    (cd "$out/mt" && run mptcptrace "$MPTCPTRACE_CAPTURE" mptcptrace -f "$MPTCPTRACE_CAPTURE" ${MPTCPTRACE_ARGS:--s -F})
    rm -rf "$out/mt"
    run v0-export "$MPTCPTRACE_CAPTURE" "$root/mpcap" export --table transfers --all-statistics "$MPTCPTRACE_CAPTURE"
  fi
  if [ -n "$small" ]; then
    run small-export "$small" "$root/mpcap" export --table transfers --all-statistics "$small"
    run small-tshark-conv "$small" tshark -q -z conv,tcp -r "$small"
  fi
done
echo "after: $(uptime)"

# stat NAME -> "best median max_rss"
stat() {
  sort -n "$out/$1.times" | awk '{w[NR]=$1; if ($2>r) r=$2} END {m = NR%2 ? w[(NR+1)/2] : (w[NR/2]+w[NR/2+1])/2; printf "%.2f %.2f %d", w[1], m, r}'
}
echo
printf '%-20s %8s %8s %8s %10s\n' command best median "RSS MB" "÷ floor"
read -r fb fm _ <<< "$(stat floor)"
for name in floor decode-floor summary export export-all report mptcptrace v0-export small-export small-tshark-conv; do
  [ -f "$out/$name.times" ] || continue
  read -r b m r <<< "$(stat "$name")"
  printf '%-20s %8.2f %8.2f %8d %10s\n' "$name" "$b" "$m" "$r" \
    "$(awk "BEGIN{printf \"%.2f\", $m / $fm}")"
done
ratio() { awk "BEGIN{printf \"%.2f\", $1 / $2}"; }
read -r _ em _ <<< "$(stat export-all)"
read -r _ rm _ <<< "$(stat report)"
echo
echo "ratios of medians:"
echo "  export-all / floor         $(ratio "$em" "$fm")   (target ≤ 3)"
echo "  report - export-all        $(awk "BEGIN{printf \"%.2f\", $rm - $em}") s   (target ≤ 1 s)"
if [ -n "$have_mptcptrace" ]; then
  read -r _ mm _ <<< "$(stat mptcptrace)"
  read -r _ vm _ <<< "$(stat v0-export)"
  echo "  mpcap export / mptcptrace  $(ratio "$vm" "$mm")   (on $MPTCPTRACE_CAPTURE)"
fi
if [ -n "$small" ]; then
  read -r _ sm _ <<< "$(stat small-export)"
  read -r _ tm _ <<< "$(stat small-tshark-conv)"
  echo "  tshark conv / mpcap export $(ratio "$tm" "$sm")   (270 000 packets)"
fi
