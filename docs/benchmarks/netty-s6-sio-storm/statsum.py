#!/usr/bin/env python3
# statsum.py <dir>...: per storm window, per join (10,000 joins): CPU µs and syscalls
import sys, glob, re
for d in sys.argv[1:]:
    for f in sorted(glob.glob(d + "/stat*.txt")):
        v = {}
        for line in open(f):
            p = line.strip().split(",")
            if len(p) > 3 and p[0] and p[0][0].isdigit():
                v[p[2].replace("raw_syscalls:sys_enter", "all").replace("syscalls:sys_enter_", "")] = float(p[0])
        j = 10000
        print(f"{d.split('/')[-1]:34s} {f[-9:-4]} cpu/join={v.get('task-clock',0)*1000/j:5.1f}us writes/join={(v.get('write',0)+v.get('writev',0)+v.get('sendto',0)+v.get('sendmsg',0))/j:4.2f} all/join={v.get('all',0)/j:4.2f} (writev {v.get('writev',0)/j:4.2f}) reads/join={(v.get('read',0)+v.get('recvfrom',0))/j:4.2f} epoll/join={(v.get('epoll_wait',0)+v.get('epoll_pwait2',0))/j:4.2f} cs/join={v.get('context-switches',0)/j:4.2f}")
