#!/usr/bin/env python3
"""Writes adversarial.pcap: TCP streams built to stress RTT estimators against tshark's tcp.analysis.ack_rtt.

Random but deterministic (seeded) sequences, not a TCP implementation: new segments, retransmissions of
arbitrary outstanding ranges (same boundaries, sub-ranges, merged ranges), ACKs at segment ends, in the middle
of segments (partial), past several segments (cumulative), duplicates, pure window updates, one-byte
keep-alives, SYN and FIN retransmissions, zero time deltas, bidirectional data, a stream whose sequence numbers
wrap around 2^32, a stream without handshake, and RST without ACK. Payload bytes are not captured (caplen =
headers only, IP total length = real length), which also checks that segment lengths come from the IP header.

Regenerate (then refresh adversarial.fields.tsv with the tshark command in README.md):
    python3 make-adversarial.py adversarial.pcap
"""
import random
import struct
import sys

rnd = random.Random(20261121)
out = []  # (t_ns, bytes, orig_len)


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def packet(t, src, dst, sport, dport, seq, ack, flags, plen, tsval=None, tsecr=0, win=65535):
    opts = b""
    if tsval is not None:
        opts = b"\x01\x01\x08\x0a" + struct.pack("!II", tsval & 0xFFFFFFFF, tsecr & 0xFFFFFFFF)
    thl = 20 + len(opts)
    tcp = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF, (thl // 4) << 4, flags,
                      win, 0, 0) + opts
    total = 20 + thl + plen
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, total, rnd.randrange(65536), 0x4000, 64, 6, 0, bytes(src),
                     bytes(dst))
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    eth = b"\x02\x00\x00\x00\x00\x02" + b"\x02\x00\x00\x00\x00\x01" + b"\x08\x00"
    out.append((t, eth + ip + tcp, 14 + total))


FIN, SYN, RST, PSH, ACK = 0x01, 0x02, 0x04, 0x08, 0x10


class Side:
    def __init__(self, addr, port, isn):
        self.addr, self.port, self.isn = addr, port, isn
        self.nxt = isn  # next new sequence number
        self.sent = []  # (start, end) of new segments, in order
        self.fin_sent = False


def stream(t, c_addr, c_port, s_addr, s_port, c_isn, s_isn, steps, handshake=True):
    c, s = Side(c_addr, c_port, c_isn), Side(s_addr, s_port, s_isn)
    clock = {"t": t}
    ts = {"c": 1000, "s": 50000}
    last_ts = {"c": 0, "s": 0}

    def tick():
        r = rnd.random()
        clock["t"] += 0 if r < 0.08 else rnd.randrange(1_000, 3_000_000)
        return clock["t"]

    def send(frm, to, seq, ack, flags, plen):
        key = "c" if frm is c else "s"
        other = "s" if key == "c" else "c"
        ts[key] += rnd.randrange(0, 3)
        packet(tick(), frm.addr, to.addr, frm.port, to.port, seq, ack, flags, plen, ts[key], last_ts[other])
        last_ts[key] = ts[key]

    if handshake:
        send(c, s, c.isn, 0, SYN, 0)
        if rnd.random() < 0.9:
            send(c, s, c.isn, 0, SYN, 0)  # SYN retransmission
        send(s, c, s.isn, c.isn + 1, SYN | ACK, 0)
        c.nxt, s.nxt = c.isn + 1, s.isn + 1
        send(c, s, c.nxt, s.nxt, ACK, 0)
    else:
        c.nxt, s.nxt = c.isn, s.isn
    acked = {"c": c.nxt, "s": s.nxt}  # what the peer acknowledged of c's / s's data

    def ack_value(sender_key, sender):
        lo = acked[sender_key]
        segs = [e for (b, e) in sender.sent if ((e - lo) & 0xFFFFFFFF) < 0x80000000]
        r = rnd.random()
        if r < 0.5 and segs:
            v = rnd.choice(segs[:8])  # the end of an outstanding segment (exact ACK)
        elif r < 0.7 and segs:
            b, e = rnd.choice([x for x in sender.sent[-8:]])
            v = b + rnd.randrange(0, max(1, e - b))  # into a segment (partial)
        elif r < 0.85:
            v = lo  # duplicate
        else:
            v = sender.nxt  # everything
        if ((v - lo) & 0xFFFFFFFF) < 0x80000000:
            acked[sender_key] = v & 0xFFFFFFFF
        return v

    for _ in range(steps):
        r = rnd.random()
        sender, receiver, key = (c, s, "c") if rnd.random() < 0.75 else (s, c, "s")
        rkey = "s" if key == "c" else "c"
        if r < 0.40:  # new data
            plen = rnd.choice([1, 100, 536, 1448, 1448, 1448])
            send(sender, receiver, sender.nxt, receiver.nxt, ACK | PSH, plen)
            sender.sent.append((sender.nxt, (sender.nxt + plen) & 0xFFFFFFFF))
            sender.nxt = (sender.nxt + plen) & 0xFFFFFFFF
        elif r < 0.50 and sender.sent:  # retransmission: same, sub-range or merged range
            i = rnd.randrange(max(0, len(sender.sent) - 6), len(sender.sent))
            b, e = sender.sent[i]
            k = rnd.random()
            if k < 0.5:
                nb, ne = b, e
            elif k < 0.75 and i + 1 < len(sender.sent):
                nb, ne = b, sender.sent[i + 1][1]
            else:
                nb = b + rnd.randrange(0, max(1, (e - b) & 0xFFFFFFFF))
                ne = e
            send(sender, receiver, nb, receiver.nxt, ACK, (ne - nb) & 0xFFFFFFFF)
        elif r < 0.85:  # receiver acknowledges
            send(receiver, sender, receiver.nxt, ack_value(key, sender), ACK, 0)
        elif r < 0.90:  # window update / pure ACK repeat
            packet(tick(), receiver.addr, sender.addr, receiver.port, sender.port, receiver.nxt, acked[key], ACK, 0,
                   None, 0, win=rnd.randrange(1000, 65535))
        elif r < 0.94 and sender.nxt != sender.isn:  # keep-alive, one garbage byte before nxt
            send(sender, receiver, sender.nxt - 1, receiver.nxt, ACK, rnd.choice([0, 1]))
        elif r < 0.96:  # ACK that matches an already removed segment end (old)
            send(receiver, sender, receiver.nxt, acked[key], ACK, 0)
        else:  # ACK of everything at the same instant (zero RTT) as the last segment
            send(receiver, sender, receiver.nxt, sender.nxt, ACK, 0)
            acked[key] = sender.nxt
    # FINs, one retransmitted, then their ACKs
    for a, b, k in ((c, s, "c"), (s, c, "s")):
        send(a, b, a.nxt, b.nxt, FIN | ACK, 0)
        if rnd.random() < 0.7:
            send(a, b, a.nxt, b.nxt, FIN | ACK, 0)
        a.nxt = (a.nxt + 1) & 0xFFFFFFFF
        send(b, a, b.nxt, a.nxt, ACK, 0)
    # a RST without ACK whose ack field happens to equal an outstanding end of the other side
    packet(tick(), c.addr, s.addr, c.port, s.port, c.nxt, s.nxt, RST, 0)
    return clock["t"]


C, S = [10, 9, 0, 1], [10, 9, 0, 2]
t = 1_700_000_000 * 10**9
t = stream(t, C, 40001, S, 80, 0xFFFF8000, 123456789, 1500)  # wraps around 2^32
t = stream(t, C, 40002, S, 80, 3_000_000_000, 0xFFFFFFF0, 1500)  # server ISN wraps at once
t = stream(t, C, 40003, S, 80, 777777, 888888, 800, handshake=False)  # capture starts mid-stream
t = stream(t, C, 40004, S, 80, 42, 0x7FFFFFF0, 1200)

with open(sys.argv[1], "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B23C4D, 2, 4, 0, 0, 65535, 1))  # nanosecond pcap, Ethernet
    for (tn, data, orig) in out:
        f.write(struct.pack("<IIII", tn // 10**9, tn % 10**9, len(data), orig) + data)
print(len(out), "packets")
