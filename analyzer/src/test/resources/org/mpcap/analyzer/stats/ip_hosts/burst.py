import sys, random; sys.path.insert(0,'/tmp/agg')
from mkpcap import *
random.seed(int(sys.argv[2]) if len(sys.argv)>2 else 7)
B=1_700_000_000*10**9+123_456_789
v4=['10.0.%d.%d'%(i,6 if i<4 else 7) for i in range(1,5)]+['192.0.2.10','192.0.2.9','192.0.2.100']
v6=['2001:db8::1','2001:db8::2','fe80::1','2001:db8:0:1::10']
p=[]
# first frame is ARP (not IP) at t=0
arp=struct.pack('!HHBBH',1,0x0800,6,4,1)+b'\x02\0\0\0\0\x01'+socket.inet_aton('10.0.1.6')+b'\0'*6+socket.inet_aton('10.0.1.1')
p.append((B, eth(arp,0x0806)))
t=37_000_000
n=int(sys.argv[3]) if len(sys.argv)>3 else 600
for i in range(n):
    r=random.random()
    if r<0.6: t+=random.randint(0,800_000)        # dense
    elif r<0.9: t+=random.randint(0,20_000_000)
    elif r<0.97: t+=random.randint(50_000_000,400_000_000)
    else: t=(t//5_000_000+1)*5_000_000           # exactly on a bucket boundary
    tt=t
    if random.random()<0.03: tt=t-random.randint(0,150_000_000)  # out of order (backwards)
    if random.random()<0.8:
        a,b=random.sample(v4[:4],1)[0], v4[4] if random.random()<0.7 else random.choice(v4[4:])
        if random.random()<0.5: a,b=b,a
        if random.random()<0.02: b=a  # src==dst
        fr=eth(ipv4(a,b,6,tcp()))
    else:
        a,b=random.sample(v6,2)
        fr=eth(ipv6(a,b,6,tcp()),0x86dd)
    p.append((B+tt, fr))
write(sys.argv[1],p)
