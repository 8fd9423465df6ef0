import sys,re
f=sys.argv[1]; pats=sys.argv[2:]
samples=open(f).read().split('\n\n')
tot=0; cnt={p:0 for p in pats}
for s in samples:
    if not s.strip(): continue
    tot+=1
    for p in pats:
        if p in s: cnt[p]+=1
print("total",tot)
for p in pats: print("%6.2f%% %s"%(100.0*cnt[p]/tot,p))
