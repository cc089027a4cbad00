#!/bin/sh
# Regenerates the tshark references of mpcap's TCP analysis (table tcp-analysis): for every capture listed below,
# tcp-analysis/NAME.tsv holds the frames tshark flags with tcp.analysis.{retransmission, fast_retransmission,
# spurious_retransmission, out_of_order, lost_segment, ack_lost_segment, duplicate_ack} (one pass, the
# preferences of the other references), with duplicate_ack_num and duplicate_ack_frame. Frames not listed carry
# none of these flags. Reference: tshark 4.0.x (the first line of each file says which).
# Usage: sh tshark.sh   (from this directory: analyzer/src/test/resources/tcp-analysis)
set -e
ROOT=../../../../..
CAPTURES="$ROOT/sample-pcaps/default/run-0[1-5].pcap $ROOT/sample-pcaps/fullmesh/run-0[1-5].pcap ../fixtures/*.pcap
  ../realcaps/*.pcap ../realcaps/*.pcapng ../realcaps/*.gz ../loss/*.pcap"
FILTER='tcp.analysis.retransmission || tcp.analysis.fast_retransmission || tcp.analysis.spurious_retransmission ||
  tcp.analysis.out_of_order || tcp.analysis.lost_segment || tcp.analysis.ack_lost_segment || tcp.analysis.duplicate_ack'
for f in $CAPTURES; do
  [ -e "$f" ] || continue
  name=$(echo "$f" | sed -e "s|^$ROOT/||" -e 's|^\.\./||' -e 's|/|_|g')
  {
    echo "# $(tshark --version 2>/dev/null | head -1)"
    echo "# tshark -r $(echo "$f" | sed -e "s|^$ROOT/||" -e 's|^\.\./|analyzer/src/test/resources/|') -o tcp.analyze_sequence_numbers:TRUE -o mptcp.analyze_mptcp:TRUE -o mptcp.relative_sequence_numbers:FALSE -Y FILTER -T fields -E header=y -e ... (see tshark.sh)"
    tshark -r "$f" -o tcp.analyze_sequence_numbers:TRUE -o mptcp.analyze_mptcp:TRUE \
      -o mptcp.relative_sequence_numbers:FALSE -Y "$FILTER" -T fields -E header=y -E aggregator=/s \
      -e frame.number -e tcp.stream -e tcp.analysis.retransmission -e tcp.analysis.fast_retransmission \
      -e tcp.analysis.spurious_retransmission -e tcp.analysis.out_of_order -e tcp.analysis.lost_segment \
      -e tcp.analysis.ack_lost_segment -e tcp.analysis.duplicate_ack -e tcp.analysis.duplicate_ack_num \
      -e tcp.analysis.duplicate_ack_frame 2>/dev/null
  } > "$name.tsv"
done
