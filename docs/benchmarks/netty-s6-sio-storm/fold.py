#!/usr/bin/env python3
# fold.py <dir>: perf script of every perf*.data there; shares by thread, by syscall, top self frames (Java via perf map)
import subprocess, sys, glob, collections, re
d = sys.argv[1]
by_comm = collections.Counter(); by_sys = collections.Counter(); self_fr = collections.Counter(); incl = collections.Counter()
total = 0
for f in sorted(glob.glob(d + "/perf*.data")):
    out = subprocess.run(["perf", "script", "-i", f, "-F", "comm,ip,sym,dso"], capture_output=True, text=True).stdout
    for block in out.split("\n\n"):
        lines = [l for l in block.strip().split("\n") if l.strip()]
        if not lines: continue
        comm = lines[0].strip().split()[0] if not lines[0].startswith(" ") else lines[0].strip()
        frames = []
        for l in lines[1:]:
            m = re.match(r"\s*([0-9a-f]+)\s+(.*?)\s+\((.*)\)\s*$", l)
            if m: frames.append((m.group(2), m.group(3)))
        total += 1
        by_comm[comm] += 1
        sysc = "user"
        for name, dso in frames:
            if re.match(r"(__x64_sys_|__do_sys_|ksys_)", name):
                sysc = re.sub(r"^(__x64_sys_|__do_sys_|ksys_)", "", name)
        if sysc == "user" and frames and "kernel" in frames[0][1]:
            sysc = "kernel-other(" + frames[0][0] + ")" if False else "kernel-irq/other"
        by_sys[sysc] += 1
        if frames: self_fr[frames[0][0][:110]] += 1
        seen = set()
        for name, dso in frames:
            n = name[:110]
            if n not in seen:
                seen.add(n); incl[n] += 1
print("samples", total)
for k, v in by_comm.most_common(8): print(f"comm {v/total*100:5.1f}% {k}")
for k, v in by_sys.most_common(12): print(f"sys  {v/total*100:5.1f}% {k}")
print("-- top self")
for k, v in self_fr.most_common(40): print(f"{v/total*100:5.1f}% {k}")
print("-- top inclusive (java/netty)")
for k, v in incl.most_common(400):
    if re.search(r"dev/signaling|dev\.signaling|io/netty|io\.netty|Ljava|java\.", k): print(f"{v/total*100:5.1f}% {k}")
