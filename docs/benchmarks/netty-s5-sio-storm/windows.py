#!/usr/bin/env python3
"""windows.py DIR: per storm (fire .. answered+0.2 s), per-thread-group server CPU µs per join, from threads.txt + progress.txt; GC events in windows."""
import sys, re, bisect, collections
d = sys.argv[1]; clients = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
rows = []
for line in open(f"{d}/threads.txt"):
    p = line.split(); t = float(p[0]); rows.append((t, {k: int(v) for k, v in (x.split('=') for x in p[1:])}))
ts = [r[0] for r in rows]
def at(t):
    i = min(max(bisect.bisect_left(ts, t), 0), len(rows) - 1); return rows[i][1]
fire = None; agg = collections.defaultdict(list)
gcl = [l for l in open(f"{d}/gc.log")]
for line in open(f"{d}/progress.txt"):
    p = line.split(); t = float(p[0]); proto = p[1]; rnd = p[2]
    if "firing" in line: fire = t
    m = re.search(r"answered in ([\d.]+) s, closing", line)
    if m and fire:
        end = fire + float(m.group(1)) + 0.25
        a, b = at(fire - 0.05), at(end)
        delta = {k: (b.get(k, 0) - a.get(k, 0)) / 1000 / clients for k in b}
        tot = sum(delta.values())
        top = sorted(((v, k) for k, v in delta.items() if v > 0.3), reverse=True)
        print(f"{proto} {rnd} {float(m.group(1)):6.2f}s total {tot:5.1f} us/join  " + "  ".join(f"{k}={v:.1f}" for v, k in top))
        agg[proto].append((tot, delta))
        fire = None
for proto, l in agg.items():
    keys = set(k for _, dl in l for k in dl)
    print(proto, "mean total %.1f" % (sum(t for t, _ in l) / len(l)), " ".join(f"{k}={sum(dl.get(k,0) for _, dl in l)/len(l):.1f}" for k in sorted(keys) if sum(dl.get(k,0) for _, dl in l)/len(l) > 0.3))
# allocation per join from jstat (EU, YGC): alloc = sum of positive EU deltas + for each GC, (EC - EU before) approx
try:
    js = []
    hdr = None
    for line in open(f"{d}/jstat.txt"):
        p = line.split()
        if p[1] == 'S0C': hdr = p[1:]; continue
        if hdr is None: continue
        v = dict(zip(hdr, [float(x) if x != "-" else 0.0 for x in p[1:]])); js.append((float(p[0]), v))
    def alloc(t0, t1):
        pts = [(t, v) for t, v in js if t0 <= t <= t1]
        tot = 0.0; gcs = 0
        for (ta, a), (tb, b) in zip(pts, pts[1:]):
            if b['YGC'] > a['YGC'] or b.get('FGC', 0) > a.get('FGC', 0):
                tot += (a['EC'] - a['EU']) + b['EU']; gcs += 1
            else:
                tot += b['EU'] - a['EU']
        return tot, gcs
    fire = None
    print("## allocation per storm window (KB/join), and per connect phase")
    prev_end = None
    for line in open(f"{d}/progress.txt"):
        p = line.split(); t = float(p[0])
        if "firing" in line:
            fire = t
            if prev_end:
                pass
        m = re.search(r"answered in ([\d.]+) s, closing", line)
        if m and fire:
            end = fire + float(m.group(1)) + 0.25
            kb, g = alloc(fire - 0.05, end)
            print(f"{p[1]} {p[2]} alloc {kb/clients:.2f} KB/join, GCs in window {g}")
            fire = None
except FileNotFoundError:
    pass
