import sys; sys.path.insert(0,'/tmp/agg')
from mkpcap import *
B=1_700_000_000*10**9
p=[]
p.append((B, eth(ipv4('10.0.0.1','10.0.0.2',6,tcp()))))
inner=ipv4('192.168.1.1','192.168.1.2',6,tcp())
p.append((B+1_000_000, eth(ipv4('172.16.0.1','172.16.0.2',4,inner))))
p.append((B+2_000_000, eth(ipv4('10.0.0.2','10.0.0.1',6,tcp()))))
write('/tmp/agg/tunnel.pcap',p)
