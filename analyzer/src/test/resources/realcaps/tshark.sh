#!/bin/sh
# Regenerates F.tshark.tsv for every capture F here (pcap, pcapng, gzip) with tshark (reference: 4.0.x).
# Usage: sh tshark.sh   (from this directory)
set -e
for f in *.pcap *.pcapng *.gz; do
  [ -e "$f" ] || continue
  {
    echo "# $(tshark --version | head -1)"
    tshark -r "$f" -o tcp.analyze_sequence_numbers:TRUE -o mptcp.analyze_mptcp:TRUE -T fields -E header=y \
      -E aggregator=/s -e frame.number -e tcp.stream -e mptcp.stream -e tcp.options.mptcp.subtype \
      -e mptcp.expected_token -e mptcp.expected_idsn
  } > "$f.tshark.tsv"
done
