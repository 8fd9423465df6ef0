import json,subprocess,re,sys,collections
from datetime import datetime
d=sys.argv[1]; rec=d+'/server.jfr'
def ts(e): return datetime.fromisoformat(e["values"]["startTime"][:26].rstrip("Z")).timestamp()
wins=[];fire=None
for line in open(d+'/progress.txt'):
    p=line.split();t=float(p[0])
    if 'firing' in line: fire=(t,p[1])
    m=re.search(r"answered in ([\d.]+) s, closing",line)
    if m and fire: wins.append((fire[0]-0.05,fire[0]+float(m.group(1))+0.25,fire[1])); fire=None
ev=json.loads(subprocess.run(["jfr","print","--json","--events","jdk.Compilation,jdk.Deoptimization",rec],capture_output=True,text=True).stdout)["recording"]["events"]
def dur(s):
    m=re.match(r"PT([\d.]+)S",s); return float(m.group(1)) if m else 0
for i,(a,b,p) in enumerate(wins):
    comp=[e for e in ev if a<=ts(e)<=b and e["type"]=="jdk.Compilation"]
    deo=[e for e in ev if a<=ts(e)<=b and e["type"]=="jdk.Deoptimization"]
    tot=sum(dur(e["values"]["duration"]) for e in comp)
    print(f"window {i} {p}: {len(comp)} compilations, {tot:.2f} s wall, inlined {sum(e['values'].get('inlinedBytes') or 0 for e in comp)} B, {len(deo)} deopts")
    for e in sorted(comp,key=lambda e:-dur(e["values"]["duration"]))[:6]:
        v=e["values"]; m=v["method"]
        print(f"   {dur(v['duration']):.3f}s L{v['compileLevel']} {m['type']['name'].split('/')[-1]}.{m['name']} inlined={v.get('inlinedBytes')} code={v.get('codeSize')}")
    c=collections.Counter((d["values"]["method"]["type"]["name"].split('/')[-1]+"."+d["values"]["method"]["name"], d["values"]["reason"]) for d in deo)
    for k,n in c.most_common(4): print("   deopt",n,k)
