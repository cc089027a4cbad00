#!/bin/sh
# Regenerates, for every capture F here (pcap, pcapng, gzip), with tshark (reference: 4.0.x):
#   F.tshark.tsv       per frame tcp.stream, mptcp.stream, MPTCP subtypes, expected token and IDSN
#   F.reinjections.tsv frames that tshark marks mptcp.reinjection_of, with the frames they repeat
#                      (mptcp.analyze_mappings and mptcp.intersubflows_retransmission on; single pass, as
#                      with -2 tshark 4.0.17 prints neither field; reinjected_in then never shows, since a frame
#                      only sees earlier frames)
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
  {
    echo "# $(tshark --version | head -1)"
    echo "# tshark -r $f -o tcp.analyze_sequence_numbers:TRUE -o mptcp.analyze_mptcp:TRUE -o mptcp.analyze_mappings:TRUE -o mptcp.intersubflows_retransmission:TRUE -T fields -E header=y -E aggregator=/s -e frame.number -e mptcp.reinjection_of -e mptcp.reinjected_in -Y 'mptcp.reinjection_of or mptcp.reinjected_in'"
    tshark -r "$f" -o tcp.analyze_sequence_numbers:TRUE -o mptcp.analyze_mptcp:TRUE -o mptcp.analyze_mappings:TRUE \
      -o mptcp.intersubflows_retransmission:TRUE -T fields -E header=y -E aggregator=/s -e frame.number \
      -e mptcp.reinjection_of -e mptcp.reinjected_in -Y 'mptcp.reinjection_of or mptcp.reinjected_in'
  } > "$f.reinjections.tsv"
done
