#!/usr/bin/env python3
"""tsample.py PID OUT: every 50 ms, per-thread on-CPU ns of PID (schedstat) -> OUT lines 'time name ns' (grouped)."""
import os, sys, time, re
pid, out = sys.argv[1], sys.argv[2]
def group(n):
    n = re.sub(r'\d+$', '', n)
    return n.replace(' ', '_') or '?'
with open(out, 'w') as f:
    while os.path.exists(f'/proc/{pid}'):
        t = time.time(); acc = {}
        try:
            for tid in os.listdir(f'/proc/{pid}/task'):
                try:
                    name = open(f'/proc/{pid}/task/{tid}/comm').read().strip()
                    ns = int(open(f'/proc/{pid}/task/{tid}/schedstat').read().split()[0])
                except OSError:
                    continue
                g = group(name); acc[g] = acc.get(g, 0) + ns
        except OSError:
            break
        f.write(f"{t:.3f} " + " ".join(f"{k}={v}" for k, v in sorted(acc.items())) + "\n")
        f.flush()
        time.sleep(0.05)
