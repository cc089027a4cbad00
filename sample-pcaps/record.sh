#!/usr/bin/env bash
# record.sh - record real MPTCP captures in network namespaces (the internship report's testbed).
# Run with --help for usage; sample-pcaps/README.md explains topology, scenarios and the bundled samples.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TRANSFER="$HERE/mptcp_transfer.py"

usage() {
	cat <<'EOF'
Usage: record.sh [options]

Builds client -- router -- server network namespaces with the addresses of the internship report
(client 10.0.1.6, 10.0.2.6, 10.0.3.6 = default, Wi-Fi, cellular; server 10.0.4.7, plus 10.0.5.7 and
10.0.6.7 as in the report's appendix 10.2), sends BYTES over a real MPTCP socket (IPPROTO_MPTCP) from the
client to 10.0.4.7:64000 RUNS times, and captures each run with tcpdump.
Output: OUTDIR/SCENARIO/run-NN.pcap and OUTDIR/SCENARIO/runs.csv
        (scenario,run,bytes,time_s,rate_kBps,kernel; kB = 1000 bytes).

Options:
  --scenario S        single | default | fullmesh | backup            (default: default)
                        single   one subflow (MPTCP socket, no endpoints, subflow limit 0)
                        default  client endpoints of type 'subflow' on all three addresses: the kernel
                                 opens one subflow per client address to 10.0.4.7
                        fullmesh client endpoints 'subflow fullmesh' and the server announces 10.0.5.7 and
                                 10.0.6.7 ('signal' endpoints): one subflow per client x server address
                        backup   like default, but the cellular endpoint 10.0.3.6 is 'subflow backup'
  --server-signal on|off  server announces 10.0.5.7/10.0.6.7 (default: on for fullmesh, off otherwise)
  --runs N            number of runs                                    (default: 10)
  --bytes SIZE        bytes per run; K, M, G suffixes are powers of 1024 like dd (default: 10M)
  --rates R1,R2,R3    tbf rate in Mbit/s on the client's eth0,eth1,eth2 (default: 20,10,5)
  --delays D1,D2,D3   netem delay in ms on the return path of each client link; used only when the
                      kernel has sch_netem (default: 10,20,40)
  --snaplen N         tcpdump snaplen                                   (default: 128)
  --capture-at WHERE  client | server                                   (default: client)
  --port P            server port                                       (default: 64000)
  --bulk              performance capture: no shaping, no delay, default --bytes 1G, big capture buffer
  --fault KIND@SECS   SECS seconds into each transfer, take the Wi-Fi path (client 10.0.2.6, eth1) away:
                        link-down   ip link set eth1 down in the client namespace
                        blackhole   netem loss 100% on the client's eth1 (the link stays up, nothing passes)
                        remove-addr ip mptcp endpoint delete id 2 (the path manager sends REMOVE_ADDR)
                        kill        ss -K on the client's subflows from 10.0.2.6 (RST, as a crashed middlebox)
                      the kernel then reinjects the unacknowledged data of that path on the others
                      (RFC 8684 section 3.3.6); needs sch_netem for blackhole
  --live              also run 'mpcap live' in the capture namespace during each run: its view on stdout,
                      then run-NN.live.pcapng and the report run-NN.live/ (command: $MPCAP, default
                      the mpcap launcher next to this folder)
  -o, --out OUTDIR    output directory                                  (default: ./mptcp-captures)
  --check             only check the prerequisites (exit 0 if recording can work, 1 otherwise)
  -h, --help          this help

Needs root, iproute2 with 'ip mptcp', tc (tbf), tcpdump, python3, a kernel with MPTCP (5.6+,
net.mptcp.enabled=1); ethtool is used to turn segmentation offloads off (packets are wire-sized).
Nothing leaves the namespaces; they are deleted on exit, error or Ctrl-C.
EOF
}

die() { echo "record.sh: error: $*" >&2; exit 1; }
note() { echo "record.sh: $*"; }

# ---------------------------------------------------------------- options
SCENARIO=default RUNS=10 BYTES_SPEC="" RATES=20,10,5 DELAYS=10,20,40 SNAPLEN=128 CAPTURE_AT=client
PORT=64000 BULK=0 LIVE=0 OUT=./mptcp-captures SERVER_SIGNAL="" CHECK_ONLY=0 FAULT="" FAULT_AT=0
while [ $# -gt 0 ]; do
	case "$1" in
	--scenario) SCENARIO=${2:?--scenario needs a value}; shift 2 ;;
	--server-signal) SERVER_SIGNAL=${2:?--server-signal needs on or off}; shift 2 ;;
	--runs) RUNS=${2:?--runs needs a value}; shift 2 ;;
	--bytes) BYTES_SPEC=${2:?--bytes needs a value}; shift 2 ;;
	--rates) RATES=${2:?--rates needs a value}; shift 2 ;;
	--delays) DELAYS=${2:?--delays needs a value}; shift 2 ;;
	--snaplen) SNAPLEN=${2:?--snaplen needs a value}; shift 2 ;;
	--capture-at) CAPTURE_AT=${2:?--capture-at needs a value}; shift 2 ;;
	--port) PORT=${2:?--port needs a value}; shift 2 ;;
	--bulk) BULK=1; shift ;;
	--fault) FAULT=${2:?--fault needs KIND@SECONDS}; shift 2 ;;
	--live) LIVE=1; shift ;;
	--check) CHECK_ONLY=1; shift ;;
	-o | --out) OUT=${2:?-o needs a directory}; shift 2 ;;
	-h | --help) usage; exit 0 ;;
	*) echo "record.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
	esac
done

usage_error() { echo "record.sh: $*" >&2; exit 2; }
case "$SCENARIO" in single | default | fullmesh | backup) ;; *) usage_error "unknown scenario '$SCENARIO' (single, default, fullmesh, backup)" ;; esac
case "$CAPTURE_AT" in client | server) ;; *) usage_error "--capture-at must be client or server" ;; esac
[ -z "$SERVER_SIGNAL" ] && { [ "$SCENARIO" = fullmesh ] && SERVER_SIGNAL=on || SERVER_SIGNAL=off; }
case "$SERVER_SIGNAL" in on | off) ;; *) usage_error "--server-signal must be on or off" ;; esac
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || usage_error "--runs must be a positive integer"
[[ "$SNAPLEN" =~ ^[1-9][0-9]*$ ]] || usage_error "--snaplen must be a positive integer"
[[ "$PORT" =~ ^[1-9][0-9]*$ ]] || usage_error "--port must be a positive integer"
if [ -n "$FAULT" ]; then
	[[ "$FAULT" =~ ^(link-down|blackhole|remove-addr|kill)@([0-9]+(\.[0-9]+)?)$ ]] ||
		usage_error "--fault must be KIND@SECONDS with KIND link-down, blackhole, remove-addr or kill"
	FAULT_AT=${BASH_REMATCH[2]} FAULT=${BASH_REMATCH[1]}
fi
[ -z "$BYTES_SPEC" ] && { [ "$BULK" = 1 ] && BYTES_SPEC=1G || BYTES_SPEC=10M; }

parse_size() {
	local s=$1 n mult=1
	[[ "$s" =~ ^([0-9]+)([KkMmGg]?)$ ]] || usage_error "--bytes '$s' is not a size (e.g. 200K, 10M, 14G)"
	n=${BASH_REMATCH[1]}
	case "${BASH_REMATCH[2]}" in K | k) mult=1024 ;; M | m) mult=$((1024 * 1024)) ;; G | g) mult=$((1024 * 1024 * 1024)) ;; esac
	echo $((n * mult))
}
BYTES=$(parse_size "$BYTES_SPEC")
[ "$BYTES" -gt 0 ] || usage_error "--bytes must be positive"

IFS=, read -r -a RATE <<<"$RATES"
IFS=, read -r -a DELAY <<<"$DELAYS"
[ "${#RATE[@]}" = 3 ] || usage_error "--rates needs three comma-separated values (Mbit/s)"
[ "${#DELAY[@]}" = 3 ] || usage_error "--delays needs three comma-separated values (ms)"
for v in "${RATE[@]}" "${DELAY[@]}"; do [[ "$v" =~ ^[0-9]+(\.[0-9]+)?$ ]] || usage_error "'$v' is not a number in --rates/--delays"; done

# ---------------------------------------------------------------- prerequisites (before creating anything)
missing=()
[ "$(id -u)" = 0 ] || missing+=("root privileges (network namespaces need them): run with sudo")
command -v ip >/dev/null || missing+=("ip (iproute2)")
if command -v ip >/dev/null && [[ "$(ip mptcp help 2>&1 || true)" != *endpoint* ]]; then
	missing+=("'ip mptcp' (iproute2 5.8 or newer)")
fi
command -v tc >/dev/null || missing+=("tc (iproute2)")
command -v unshare >/dev/null || missing+=("unshare (util-linux)")
command -v tcpdump >/dev/null || missing+=("tcpdump")
if [ "$LIVE" = 1 ]; then
	read -ra MPCAP_CMD <<<"${MPCAP:-$(cd "$(dirname "$0")/.." && pwd)/mpcap}"
	[ -n "$(command -v "${MPCAP_CMD[0]}")" ] || missing+=("mpcap for --live (${MPCAP_CMD[0]}; set MPCAP)")
fi
PY=$(command -v python3 || true)
[ -n "$PY" ] || missing+=("python3 (sends and receives on the MPTCP socket)")
[ -r "$TRANSFER" ] || missing+=("$TRANSFER (shipped next to record.sh)")
if [ ! -r /proc/sys/net/mptcp/enabled ]; then
	missing+=("a kernel with MPTCP (5.6+, CONFIG_MPTCP): /proc/sys/net/mptcp/enabled does not exist (kernel $(uname -r))")
elif [ "$(cat /proc/sys/net/mptcp/enabled)" != 1 ]; then
	missing+=("net.mptcp.enabled=1 (it is $(cat /proc/sys/net/mptcp/enabled)): sysctl -w net.mptcp.enabled=1")
fi
if [ ${#missing[@]} -eq 0 ]; then
	# probes in throw-away network namespaces (unshare -n): nothing is left behind
	if ! unshare -n true 2>/dev/null; then
		missing+=("permission to create network namespaces (unshare -n failed: CAP_SYS_ADMIN? seccomp?)")
	else
		unshare -n tc qdisc add dev lo root tbf rate 1mbit burst 3028 latency 50ms 2>/dev/null ||
			missing+=("the tbf qdisc (sch_tbf)")
		unshare -n "$PY" -c 'import socket; socket.socket(socket.AF_INET, socket.SOCK_STREAM, 262).close()' 2>/dev/null ||
			missing+=("MPTCP sockets (socket(AF_INET, SOCK_STREAM, IPPROTO_MPTCP) failed in a new network namespace)")
		unshare -n ip mptcp limits show >/dev/null 2>&1 ||
			missing+=("the MPTCP path-manager netlink API ('ip mptcp limits show' failed)")
	fi
fi
if [ ${#missing[@]} -gt 0 ]; then
	echo "record.sh: cannot record, missing:" >&2
	printf '  - %s\n' "${missing[@]}" >&2
	exit 1
fi
HAVE_ETHTOOL=0
command -v ethtool >/dev/null && HAVE_ETHTOOL=1
HAVE_NETEM=0
unshare -n tc qdisc add dev lo root netem delay 1ms 2>/dev/null && HAVE_NETEM=1
[ "$FAULT" = blackhole ] && [ "$HAVE_NETEM" = 0 ] &&
	die "--fault blackhole needs the netem qdisc (sch_netem), which this kernel lacks"
if [ "$CHECK_ONLY" = 1 ]; then
	# named namespaces need more than unshare -n (a shared mount of /run/netns): try one, delete it at once
	probe="mpc$$-check"
	if ! err=$(ip netns add "$probe" 2>&1); then
		echo "record.sh: cannot record, missing:" >&2
		echo "  - permission to create named network namespaces ('ip netns add' failed: $err)" >&2
		exit 1
	fi
	ip netns del "$probe"
	note "prerequisites OK (kernel $(uname -r); netem: $([ $HAVE_NETEM = 1 ] && echo yes || echo 'no, no artificial delay'); ethtool: $([ $HAVE_ETHTOOL = 1 ] && echo yes || echo 'no, offloads stay on'))"
	exit 0
fi

KERNEL=$(uname -r)
SCEN_DIR="$OUT/$SCENARIO"
mkdir -p "$SCEN_DIR" || die "cannot create $SCEN_DIR"
SCEN_DIR=$(cd "$SCEN_DIR" && pwd)

# ---------------------------------------------------------------- namespaces and cleanup
TAG="mpc$$-$(printf '%04x' $((RANDOM % 65536)))"
NS_C="$TAG-client" NS_R="$TAG-router" NS_S="$TAG-server"
CREATED=() PARTIAL=""
WORK=$(mktemp -d "${TMPDIR:-/tmp}/record-$TAG.XXXXXX")

cleanup() {
	local rc=$? ns pid
	trap - EXIT INT TERM
	for ns in "${CREATED[@]}"; do
		# only processes we started live in our namespaces
		for pid in $(ip netns pids "$ns" 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
	done
	sleep 0.2
	for ns in "${CREATED[@]}"; do
		for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$pid" 2>/dev/null || true; done
		ip netns del "$ns" 2>/dev/null || true
	done
	[ -n "$PARTIAL" ] && rm -f "$PARTIAL" # an interrupted run's capture is incomplete
	rm -rf "$WORK"
	exit "$rc"
}
trap cleanup EXIT
trap 'echo "record.sh: interrupted" >&2; exit 130' INT
trap 'echo "record.sh: terminated" >&2; exit 143' TERM

in_c() { ip netns exec "$NS_C" "$@"; }
in_r() { ip netns exec "$NS_R" "$@"; }
in_s() { ip netns exec "$NS_S" "$@"; }

for ns in "$NS_C" "$NS_R" "$NS_S"; do
	ip netns add "$ns" || die "cannot create network namespace $ns"
	CREATED+=("$ns")
	ip netns exec "$ns" ip link set lo up
done

# client ethK (10.0.K+1.6) <-> router cK (10.0.K+1.1); server ethK (10.0.K+4.7) <-> router sK (10.0.K+4.1)
for k in 0 1 2; do
	c=$((k + 1)) s=$((k + 4))
	ip link add name "eth$k" netns "$NS_C" type veth peer name "c$k" netns "$NS_R"
	ip link add name "eth$k" netns "$NS_S" type veth peer name "s$k" netns "$NS_R"
	in_c ip addr add "10.0.$c.6/24" dev "eth$k"
	in_r ip addr add "10.0.$c.1/24" dev "c$k"
	in_s ip addr add "10.0.$s.7/24" dev "eth$k"
	in_r ip addr add "10.0.$s.1/24" dev "s$k"
	in_c ip link set "eth$k" up
	in_s ip link set "eth$k" up
	in_r ip link set "c$k" up
	in_r ip link set "s$k" up
done
in_r sysctl -qw net.ipv4.ip_forward=1
for ns in "$NS_C" "$NS_R" "$NS_S"; do
	ip netns exec "$ns" sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0
done

# per-source policy routing, one table per interface (report appendix 10.3 and 10.5)
for k in 0 1 2; do
	c=$((k + 1)) s=$((k + 4))
	in_c ip rule add from "10.0.$c.6" table "$c"
	in_c ip route add "10.0.$c.0/24" dev "eth$k" scope link table "$c"
	in_c ip route add default via "10.0.$c.1" dev "eth$k" table "$c"
	in_s ip rule add from "10.0.$s.7" table "$s"
	in_s ip route add "10.0.$s.0/24" dev "eth$k" scope link table "$s"
	in_s ip route add default via "10.0.$s.1" dev "eth$k" table "$s"
done
in_c ip route add default via 10.0.1.1 dev eth0
in_s ip route add default via 10.0.4.1 dev eth0

# segmentation offloads off: captured packets are wire-sized (<= MTU), as on a real link
if [ "$HAVE_ETHTOOL" = 1 ]; then
	for k in 0 1 2; do
		in_c ethtool -K "eth$k" tso off gso off gro off >/dev/null 2>&1 || true
		in_s ethtool -K "eth$k" tso off gso off gro off >/dev/null 2>&1 || true
		in_r ethtool -K "c$k" tso off gso off gro off >/dev/null 2>&1 || true
		in_r ethtool -K "s$k" tso off gso off gro off >/dev/null 2>&1 || true
	done
else
	note "ethtool not found: segmentation offloads stay on, captures may hold GSO super-packets (apt-get install ethtool)"
fi

# ---------------------------------------------------------------- link shaping
if [ "$BULK" = 1 ]; then
	note "bulk mode: no shaping, no delay"
else
	for k in 0 1 2; do
		rate=${RATE[$k]}
		# burst: 2 ms at the rate, at least two full frames; queue: 50 ms at the rate
		burst=$(awk -v r="$rate" 'BEGIN { b = r * 1e6 / 8 * 0.002; if (b < 3028) b = 3028; printf "%d", b }')
		in_c tc qdisc add dev "eth$k" root tbf rate "${rate}mbit" burst "$burst" latency 50ms ||
			die "tc tbf failed on the client's eth$k (is sch_tbf available?)"
		if [ "$HAVE_NETEM" = 1 ] && [ "${DELAY[$k]}" != 0 ]; then
			in_r tc qdisc add dev "c$k" root netem delay "${DELAY[$k]}ms"
		fi
	done
	if [ "$HAVE_NETEM" = 1 ]; then
		note "shaping: tbf ${RATES} Mbit/s on client eth0,eth1,eth2; netem delay ${DELAYS} ms on the return paths"
	else
		note "shaping: tbf ${RATES} Mbit/s on client eth0,eth1,eth2; this kernel has no netem (sch_netem): NO artificial delay, only tbf queueing"
	fi
fi

# ---------------------------------------------------------------- MPTCP path manager
for ns in "$NS_C" "$NS_S"; do ip netns exec "$ns" ip mptcp endpoint flush; done
in_s ip mptcp limits set subflows 8 add_addr_accepted 8
case "$SCENARIO" in
single)
	in_c ip mptcp limits set subflows 0 add_addr_accepted 0
	;;
default | backup)
	in_c ip mptcp limits set subflows 8 add_addr_accepted 8
	in_c ip mptcp endpoint add 10.0.1.6 dev eth0 id 1 subflow
	in_c ip mptcp endpoint add 10.0.2.6 dev eth1 id 2 subflow
	if [ "$SCENARIO" = backup ]; then
		in_c ip mptcp endpoint add 10.0.3.6 dev eth2 id 3 subflow backup
	else
		in_c ip mptcp endpoint add 10.0.3.6 dev eth2 id 3 subflow
	fi
	;;
fullmesh)
	in_c ip mptcp limits set subflows 8 add_addr_accepted 8
	in_c ip mptcp endpoint add 10.0.1.6 dev eth0 id 1 subflow fullmesh
	in_c ip mptcp endpoint add 10.0.2.6 dev eth1 id 2 subflow fullmesh
	in_c ip mptcp endpoint add 10.0.3.6 dev eth2 id 3 subflow fullmesh
	;;
esac
if [ "$SERVER_SIGNAL" = on ]; then
	in_s ip mptcp endpoint add 10.0.5.7 dev eth1 id 5 signal
	in_s ip mptcp endpoint add 10.0.6.7 dev eth2 id 6 signal
fi

# ---------------------------------------------------------------- server
in_s "$PY" -u "$TRANSFER" serve "$PORT" >"$WORK/server.log" 2>&1 &
for _ in $(seq 50); do grep -q listening "$WORK/server.log" 2>/dev/null && break; sleep 0.1; done
grep -q listening "$WORK/server.log" || die "MPTCP receiver did not start: $(cat "$WORK/server.log")"

# ---------------------------------------------------------------- runs
CAP_NS=$NS_C
[ "$CAPTURE_AT" = server ] && CAP_NS=$NS_S
# libpcap's TPACKET_V3 ring hands packets to tcpdump per block (when full or after a 1 s timeout); a block
# still open when tcpdump is stopped is lost. Immediate mode delivers each packet at once; bulk mode keeps
# the block mode (cheaper per packet, fewer drops) and waits past the timeout before stopping tcpdump.
BUFFER_KIB=4096 IMMEDIATE=(--immediate-mode) DRAIN_S=0.5
[ "$BULK" = 1 ] && BUFFER_KIB=524288 IMMEDIATE=() DRAIN_S=2

# --fault: take the Wi-Fi path (client eth1, 10.0.2.6) away during a transfer, put it back after the run
inject_fault() {
	case "$FAULT" in
	link-down) in_c ip link set eth1 down ;;
	blackhole) in_c tc qdisc replace dev eth1 root netem loss 100% ;;
	remove-addr) in_c ip mptcp endpoint delete id 2 ;;
	kill) in_c ss -K src 10.0.2.6 >/dev/null ;;
	esac
	note "fault $FAULT injected at ${FAULT_AT}s"
}
restore_path() {
	case "$FAULT" in
	link-down) in_c ip link set eth1 up ;;
	blackhole) in_c tc qdisc del dev eth1 root 2>/dev/null || true ;;
	remove-addr) in_c ip mptcp endpoint add 10.0.2.6 dev eth1 id 2 \
		$([ "$SCENARIO" = fullmesh ] && echo "subflow fullmesh" || echo subflow) 2>/dev/null || true ;;
	kill) ;;
	esac
}

note "scenario $SCENARIO: $RUNS run(s) of $BYTES bytes, capture at $CAPTURE_AT (snaplen $SNAPLEN), kernel $KERNEL, namespaces $TAG-*"
echo "scenario,run,bytes,time_s,rate_kBps,kernel" >"$WORK/runs.csv"
for run in $(seq 1 "$RUNS"); do
	nn=$(printf '%02d' "$run")
	pcap="$SCEN_DIR/run-$nn.pcap"
	rm -f "$pcap"
	PARTIAL="$pcap.part"
	: >"$WORK/tcpdump.log" # exists before the background tcpdump opens it: the wait below reads it
	ip netns exec "$CAP_NS" tcpdump -i any -n -U -Z root "${IMMEDIATE[@]}" -s "$SNAPLEN" -B "$BUFFER_KIB" \
		-w "$pcap.part" "tcp port $PORT" >"$WORK/tcpdump.log" 2>&1 &
	tcpdump_pid=$!
	for _ in $(seq 100); do grep -q "listening on" "$WORK/tcpdump.log" && break; sleep 0.05; done
	grep -q "listening on" "$WORK/tcpdump.log" || die "tcpdump did not start: $(cat "$WORK/tcpdump.log")"

	fault_pid=""
	if [ -n "$FAULT" ]; then
		(sleep "$FAULT_AT"; inject_fault) &
		fault_pid=$!
	fi
	if [ "$LIVE" = 1 ]; then
		# SIGTERM, not SIGINT, stops it: a background job of a script ignores SIGINT, and so does the JVM then
		ip netns exec "$CAP_NS" "${MPCAP_CMD[@]}" live -i any --filter "tcp port $PORT" --snaplen "$SNAPLEN" \
			-w "$SCEN_DIR/run-$nn.live.pcapng" -o "$SCEN_DIR/run-$nn.live" --force 2>"$WORK/live.log" &
		live_pid=$!
		for _ in $(seq 600); do grep -q "capturing on" "$WORK/live.log" && break; sleep 0.05; done
		grep -q "capturing on" "$WORK/live.log" || die "mpcap live did not start: $(cat "$WORK/live.log")"
	fi
	if ! result=$(in_c "$PY" -u "$TRANSFER" send 10.0.4.7 "$PORT" "$BYTES" 2>&1); then
		die "run $nn: transfer failed: $result"
	fi
	if [ -n "$fault_pid" ]; then
		wait "$fault_pid" || true
		restore_path
	fi
	sleep "$DRAIN_S" # let the DATA_FIN/FIN exchange reach the capture
	kill -INT "$tcpdump_pid"
	wait "$tcpdump_pid" || true
	if [ "$LIVE" = 1 ]; then
		kill -TERM "$live_pid"
		wait "$live_pid" || die "run $nn: mpcap live failed: $(cat "$WORK/live.log")"
		note "run $nn: mpcap live: $(grep -v '^$' "$WORK/live.log" | tr '\n' ' ')"
	fi
	mv "$pcap.part" "$pcap"
	PARTIAL=""

	time_s=$(sed -n 's/.*time_s=\([0-9.]*\).*/\1/p' <<<"$result")
	rate=$(sed -n 's/.*rate_kBps=\([0-9.]*\).*/\1/p' <<<"$result")
	echo "$SCENARIO,$run,$BYTES,$time_s,$rate,$KERNEL" >>"$WORK/runs.csv"
	captured=$(sed -n 's/^\([0-9]*\) packets captured.*/\1/p' "$WORK/tcpdump.log")
	received=$(sed -n 's/^\([0-9]*\) packets received by filter.*/\1/p' "$WORK/tcpdump.log")
	dropped=$(sed -n 's/^\([0-9]*\) packets dropped by kernel.*/\1/p' "$WORK/tcpdump.log")
	note "run $nn: $result; tcpdump: ${captured:-?} packets captured, ${received:-?} received by filter, ${dropped:-?} dropped by kernel -> $pcap"
	[ "${dropped:-0}" = 0 ] || note "WARNING: run $nn: tcpdump dropped $dropped packets (capture incomplete)"
	[ "${captured:-0}" -gt 0 ] || die "run $nn: tcpdump captured no packet: $(cat "$WORK/tcpdump.log")"
	[ "${received:-0}" -le "${captured:-0}" ] ||
		note "WARNING: run $nn: tcpdump received $received packets but wrote $captured (capture incomplete)"
	sleep 0.2
done
mv "$WORK/runs.csv" "$SCEN_DIR/runs.csv"
note "wrote $SCEN_DIR/runs.csv"
