#!/usr/bin/env python3
"""Bulk transfer over a real MPTCP socket (IPPROTO_MPTCP), used by record.sh.

  mptcp_transfer.py serve PORT            accept forever; per connection read to EOF, then send back the
                                          byte count (8 bytes, network order) and close
  mptcp_transfer.py send HOST PORT BYTES  connect, send BYTES zero bytes in 1 MiB writes (like the report's
                                          `dd if=/dev/zero bs=1M | netcat`), half-close, wait for the
                                          server's byte count and close; print one line of key=value

time_s runs from just before connect() until the server's byte count has arrived, i.e. until the server
application has read every byte (stricter than dd, which stops its clock once the last write went into the
pipe). rate_kBps = bytes / time_s / 1000 (kB = 1000 bytes, as dd prints it).
"""
import socket
import struct
import sys
import time

IPPROTO_MPTCP = getattr(socket, "IPPROTO_MPTCP", 262)
SOL_MPTCP = 284
MPTCP_INFO = 1
CHUNK = 1 << 20


def mptcp_socket():
    try:
        return socket.socket(socket.AF_INET, socket.SOCK_STREAM, IPPROTO_MPTCP)
    except OSError as e:
        sys.exit(f"mptcp_transfer: cannot create an MPTCP socket (IPPROTO_MPTCP={IPPROTO_MPTCP}): {e}")


def mptcp_info(sock):
    """(subflows, fallback) from MPTCP_INFO (include/uapi/linux/mptcp.h), or (None, None)."""
    try:
        raw = sock.getsockopt(SOL_MPTCP, MPTCP_INFO, 64)
    except OSError:
        return None, None
    # u8 subflows, u8 add_addr_signal, u8 add_addr_accepted, u8 subflows_max, u8 signal_max,
    # u8 accepted_max, (pad to 4) u32 flags; flag 1 = MPTCP_INFO_FLAG_FALLBACK
    subflows = raw[0]
    flags = struct.unpack_from("=I", raw, 8)[0] if len(raw) >= 12 else 0
    return subflows, bool(flags & 1)


def serve(port):
    srv = mptcp_socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("0.0.0.0", port))
    srv.listen(16)
    print(f"listening on {port}", flush=True)
    buf = bytearray(CHUNK)
    while True:
        conn, peer = srv.accept()
        total = 0
        with conn:
            while True:
                n = conn.recv_into(buf)
                if n == 0:
                    break
                total += n
            conn.sendall(struct.pack("!Q", total))
        print(f"received {total} bytes from {peer[0]}:{peer[1]}", flush=True)


def send(host, port, nbytes):
    chunk = bytes(CHUNK)
    sock = mptcp_socket()
    t0 = time.monotonic()
    sock.connect((host, port))
    left = nbytes
    while left > 0:
        n = min(left, CHUNK)
        sock.sendall(chunk[:n] if n < CHUNK else chunk)
        left -= n
    subflows, fallback = mptcp_info(sock)
    sock.shutdown(socket.SHUT_WR)
    reply = b""
    while len(reply) < 8:
        part = sock.recv(8 - len(reply))
        if not part:
            break
        reply += part
    t1 = time.monotonic()
    sock.close()
    if len(reply) != 8:
        sys.exit("mptcp_transfer: server closed without confirming the byte count")
    got = struct.unpack("!Q", reply)[0]
    if got != nbytes:
        sys.exit(f"mptcp_transfer: server received {got} bytes, expected {nbytes}")
    elapsed = t1 - t0
    rate = nbytes / elapsed / 1000.0
    print(f"bytes={nbytes} time_s={elapsed:.6f} rate_kBps={rate:.1f} "
          f"extra_subflows={subflows if subflows is not None else '?'} "
          f"fallback={'?' if fallback is None else int(fallback)}", flush=True)


def main(argv):
    if len(argv) == 3 and argv[1] == "serve":
        serve(int(argv[2]))
    elif len(argv) == 5 and argv[1] == "send":
        send(argv[2], int(argv[3]), int(argv[4]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
