import struct, sys, socket
def csum(b):
    if len(b)%2: b+=b'\0'
    s=sum(struct.unpack('!%dH'%(len(b)//2),b)); s=(s>>16)+(s&0xffff); s+=s>>16; return (~s)&0xffff
def ipv4(src,dst,proto,payload,ident=1,frag=0x4000):
    h=struct.pack('!BBHHHBBH4s4s',0x45,0,20+len(payload),ident,frag,64,proto,0,socket.inet_aton(src),socket.inet_aton(dst))
    h=h[:10]+struct.pack('!H',csum(h))+h[12:]
    return h+payload
def ipv6(src,dst,nh,payload):
    return struct.pack('!IHBB16s16s',0x60000000,len(payload),nh,64,socket.inet_pton(socket.AF_INET6,src),socket.inet_pton(socket.AF_INET6,dst))+payload
def tcp(sp=1000,dp=2000,flags=0x10,data=b''):
    return struct.pack('!HHIIBBHHH',sp,dp,1,1,0x50,flags,65535,0,0)+data
def udp(sp=1000,dp=2000,data=b''):
    return struct.pack('!HHHH',sp,dp,8+len(data),0)+data
def eth(payload,etype=0x0800):
    return b'\x02\0\0\0\0\x01'+b'\x02\0\0\0\0\x02'+struct.pack('!H',etype)+payload
def write(path,pkts):
    # pkts: list of (time_ns, frame)
    with open(path,'wb') as f:
        f.write(struct.pack('<IHHiIII',0xa1b23c4d,2,4,0,0,65535,1))
        for t,fr in pkts:
            f.write(struct.pack('<IIII',t//1000000000,t%1000000000,len(fr),len(fr)))
            f.write(fr)
