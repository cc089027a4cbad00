import sys; sys.path.insert(0,'/tmp/agg')
from mkpcap import *
B=1_700_000_000*10**9
p=[]
# ICMP dest unreachable embedding an IP header
emb=ipv4('10.0.0.9','10.0.0.8',17,udp())[:28]
icmp=struct.pack('!BBHI',3,1,0,0)+emb
p.append((B, eth(ipv4('10.0.0.1','10.0.0.2',1,icmp))))
# 6in4
p.append((B+1_000_000, eth(ipv4('172.16.0.1','172.16.0.2',41,ipv6('2001:db8::1','2001:db8::2',6,tcp())))))
# non-first fragment
p.append((B+2_000_000, eth(ipv4('10.0.0.3','10.0.0.4',6,b'x'*16,frag=0x0002))))
# plain ipv6
p.append((B+3_000_000, eth(ipv6('2001:db8::1','2001:db8::3',6,tcp()),0x86dd)))
write('/tmp/agg/edge.pcap',p)
