#!/bin/sh
# Generates a tiny real MPTCP v1 capture (Linux kernel MPTCP): one connection, an extra subflow (MP_JOIN)
# and an ADD_ADDR, between two network namespaces. Run as root; cleans up its namespaces.
set -e
OUT=${1:-mptcp-join.pcap}
cleanup() { ip netns del mpc-cli 2>/dev/null || true; ip netns del mpc-srv 2>/dev/null || true; }
trap cleanup EXIT
cleanup
ip netns add mpc-cli; ip netns add mpc-srv
ip link add v1c netns mpc-cli type veth peer name v1s netns mpc-srv
ip link add v2c netns mpc-cli type veth peer name v2s netns mpc-srv
ip -n mpc-cli addr add 10.0.1.1/24 dev v1c; ip -n mpc-srv addr add 10.0.1.2/24 dev v1s
ip -n mpc-cli addr add 10.0.2.1/24 dev v2c; ip -n mpc-srv addr add 10.0.2.2/24 dev v2s
for n in mpc-cli mpc-srv; do
  ip -n $n link set lo up
  ip netns exec $n sh -c 'for i in /sys/class/net/v*; do ip link set $(basename $i) up; done'
  ip netns exec $n sysctl -qw net.mptcp.enabled=1
  ip -n $n mptcp limits set subflows 2 add_addr_accepted 2
done
ip -n mpc-cli mptcp endpoint add 10.0.2.1 dev v2c subflow
ip -n mpc-srv mptcp endpoint add 10.0.2.2 dev v2s signal
ip netns exec mpc-srv tcpdump -i any -U -s 200 -w "$OUT" tcp 2>/dev/null &
TD=$!
sleep 1
ip netns exec mpc-srv python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM, 262)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("10.0.1.2", 5000)); s.listen(1)
c, _ = s.accept()
while True:
    d = c.recv(4096)
    if not d: break
    c.sendall(d)
c.close()' &
SRV=$!
sleep 0.5
ip netns exec mpc-cli python3 -c '
import socket, time
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM, 262)
s.connect(("10.0.1.2", 5000))
for i in range(6):
    s.sendall(b"x" * 300); s.recv(4096); time.sleep(0.3)
s.close()'
wait $SRV
sleep 1
kill $TD; wait $TD || true
