#!/usr/bin/env python3
"""Summarises a JFR recording's CPU samples: top frames (self) and top frames anywhere on the stack
(inclusive), as percentages of samples, plus the allocation rate. Usage: jfr-top.py REC.jfr [N]"""
import collections, json, subprocess, sys

rec, n = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 25
out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", "jdk.ExecutionSample", rec],
                     capture_output=True, text=True, check=True).stdout
events = json.loads(out)["recording"]["events"]
self_count, incl_count = collections.Counter(), collections.Counter()
for e in events:
    frames = e["values"]["stackTrace"]["frames"] if e["values"].get("stackTrace") else []
    names = [f["method"]["type"]["name"] + "." + f["method"]["name"] for f in frames]
    if names:
        self_count[names[0]] += 1
    for name in set(names):
        incl_count[name] += 1
total = max(1, len(events))
print(f"{len(events)} CPU samples")
print("\n## self (top frame)")
for name, c in self_count.most_common(n):
    print(f"{100.0 * c / total:5.1f} %  {name}")
print("\n## inclusive (anywhere on the stack)")
for name, c in incl_count.most_common(n):
    print(f"{100.0 * c / total:5.1f} %  {name}")
samples = json.loads(subprocess.run(["jfr", "print", "--json", "--stack-depth", "1", "--events", "jdk.ObjectAllocationSample", rec],
                                    capture_output=True, text=True, check=True).stdout)["recording"]["events"]
if samples:
    from datetime import datetime
    t = sorted(datetime.fromisoformat(e["values"]["startTime"][:26].rstrip("Z")) for e in samples)
    seconds = max(1e-9, (t[-1] - t[0]).total_seconds())
    by_type = collections.Counter()
    for e in samples:
        by_type[e["values"]["objectClass"]["name"]] += e["values"]["weight"]
    weight = sum(by_type.values())
    print(f"\n## allocation (jdk.ObjectAllocationSample weights): {weight / seconds / 1e6:.1f} MB/s over {seconds:.0f} s")
    for name, w in by_type.most_common(12):
        print(f"{100.0 * w / weight:5.1f} %  {name}")
alloc = subprocess.run(["jfr", "summary", rec], capture_output=True, text=True).stdout
print("\n## events")
for line in alloc.splitlines():
    if any(k in line for k in ("ObjectAllocationSample", "GarbageCollection", "ExecutionSample", "Duration")):
        print(line.strip())
