#!/usr/bin/env bash
# make-reference.sh - regenerate tshark's reference outputs for the bundled sample captures.
# For every sample-pcaps/SCENARIO/run-NN.pcap it writes sample-pcaps/tshark/SCENARIO/run-NN.{fields.tsv,
# ip_hosts.txt,ipv6_hosts.txt,conv_tcp.txt} and one VERSION.txt (tshark version, date, commands verbatim).
# Tests read these committed files and never run tshark themselves.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SAMPLES=$(dirname "$HERE")
command -v tshark >/dev/null || { echo "make-reference.sh: tshark not found" >&2; exit 1; }

# Field list. Deviations from the list first proposed, checked against `tshark -G fields` of 4.0.17:
#   tcp.options.mptcp.backup    does not exist -> tcp.options.mptcp.backup.flag
#   tcp.options.mptcp.dataack   does not exist -> tcp.options.mptcp.rawdataack (the DSS Data ACK as sent)
#   tcp.options.mptcp.dataseqno does not exist -> tcp.options.mptcp.rawdataseqno (the DSS DSN as sent)
#   added at the end: ADD_ADDR address/port/echo and the MP_CAPABLE version.
FIELDS=(
	frame.number frame.time_relative ip.src ip.dst ipv6.src ipv6.dst tcp.srcport tcp.dstport tcp.stream
	tcp.len tcp.seq_raw tcp.ack_raw tcp.flags mptcp.stream tcp.options.mptcp.subtype tcp.analysis.ack_rtt
	tcp.options.mptcp.sendkey tcp.options.mptcp.recvkey tcp.options.mptcp.recvtok mptcp.expected_token
	mptcp.expected_idsn tcp.options.mptcp.backup.flag tcp.options.mptcp.addrid tcp.options.mptcp.datalvllen
	tcp.options.mptcp.rawdataack tcp.options.mptcp.rawdataseqno tcp.options.mptcp.subflowseqno
	mptcp.analysis.subflows tcp.options.mptcp.ipv4 tcp.options.mptcp.ipv6 tcp.options.mptcp.port
	tcp.options.mptcp.echo tcp.options.mptcp.version
)
FIELD_ARGS=()
for f in "${FIELDS[@]}"; do FIELD_ARGS+=(-e "$f"); done
PREFS=(-o tcp.analyze_sequence_numbers:TRUE -o mptcp.analyze_mptcp:TRUE -o mptcp.relative_sequence_numbers:FALSE)

# tshark prints "Running as user root ..." on stderr when run as root: stderr is shown only on failure.
ERR=$(mktemp)
trap 'rm -f "$ERR"' EXIT
run() {
	if ! tshark "$@" 2>"$ERR"; then
		echo "make-reference.sh: tshark $* failed:" >&2
		cat "$ERR" >&2
		return 1
	fi
}

VERSION_FILE="$HERE/VERSION.txt"
{
	echo "tshark: $(tshark --version 2>/dev/null | head -1)"
	echo "generated: $(date -u +%Y-%m-%dT%H:%M:%SZ) by sample-pcaps/tshark/make-reference.sh"
	echo "commands (F = sample-pcaps/SCENARIO/run-NN.pcap, outputs in sample-pcaps/tshark/SCENARIO/):"
	echo "  run-NN.fields.tsv:   tshark -r F ${PREFS[*]} -T fields -E header=y -E separator=/t -E aggregator=, ${FIELD_ARGS[*]}"
	echo "  run-NN.ip_hosts.txt:   tshark -r F -q -z ip_hosts,tree"
	echo "  run-NN.ipv6_hosts.txt: tshark -r F -q -z ipv6_hosts,tree"
	echo "  run-NN.conv_tcp.txt:   tshark -r F -q -z conv,tcp"
	echo "captures:"
} >"$VERSION_FILE.tmp"

count=0
for pcap in "$SAMPLES"/*/run-*.pcap; do
	[ -e "$pcap" ] || continue
	scenario=$(basename "$(dirname "$pcap")")
	[ "$scenario" = tshark ] && continue
	base=$(basename "$pcap" .pcap)
	out="$HERE/$scenario"
	mkdir -p "$out"
	run -r "$pcap" "${PREFS[@]}" -T fields -E header=y -E separator=/t -E aggregator=, "${FIELD_ARGS[@]}" \
		>"$out/$base.fields.tsv.tmp"
	run -r "$pcap" -q -z ip_hosts,tree >"$out/$base.ip_hosts.txt.tmp"
	run -r "$pcap" -q -z ipv6_hosts,tree >"$out/$base.ipv6_hosts.txt.tmp"
	run -r "$pcap" -q -z conv,tcp >"$out/$base.conv_tcp.txt.tmp"
	for ext in fields.tsv ip_hosts.txt ipv6_hosts.txt conv_tcp.txt; do
		mv "$out/$base.$ext.tmp" "$out/$base.$ext"
	done
	echo "  $scenario/$base.pcap sha256 $(sha256sum "$pcap" | cut -d' ' -f1)" >>"$VERSION_FILE.tmp"
	count=$((count + 1))
done
mv "$VERSION_FILE.tmp" "$VERSION_FILE"
echo "make-reference.sh: wrote references for $count capture(s) into $HERE"
