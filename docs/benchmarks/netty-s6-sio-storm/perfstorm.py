#!/usr/bin/env python3
# perfstorm.py <jar> <label> <protocol> <storms>: a pinned server with perf map; perf records the
# server only inside each storm window (from "firing their joins" to "answered in").
import subprocess, sys, time, os, signal, urllib.request
jar, label, proto, storms = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
port = 18091
out = f"/work/sio-storm-runs/perf-{label}-{proto}-{time.strftime('%H%M%S')}"
os.makedirs(out)
srv = subprocess.Popen(["taskset", "-c", "0", "java", "-XX:+UnlockDiagnosticVMOptions", "-XX:+DumpPerfMapAtExit",
    "-XX:+PreserveFramePointer", "-jar", jar, "server", "--port", str(port), "--transport", "netty"],
    stdout=open(out + "/server.log", "w"), stderr=subprocess.STDOUT)
for _ in range(60):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/stats"); break
    except Exception:
        time.sleep(0.5)
subprocess.run(["taskset", "-c", "1", "java", "-jar", jar, "pairs", "--port", str(port), "--protocol", proto, "--pairs", "500",
    "--size", "1000", "--rate", "5000", "--warmup", "0", "--duration", "15", "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
n = 0
for s in range(storms):
    gen = subprocess.Popen(["taskset", "-c", "1", "java", "-jar", jar, "storm", "--port", str(port), "--protocol", proto,
        "--clients", "10000", "--server-pid", str(srv.pid), "--source-addresses", "4", "--settle-server", "15",
        "--out", f"{out}/storm{s}.json"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    perf = None
    glog = open(f"{out}/gen{s}.log", "w")
    for line in gen.stderr:
        glog.write(line); glog.flush()
        if "firing their joins" in line:
            perf = subprocess.Popen(["perf", "record", "-F", "4999", "-g", "-p", str(srv.pid), "-o", f"{out}/perf{n}.data"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        elif "answered in" in line and perf:
            perf.send_signal(signal.SIGINT); perf.wait(); perf = None; n += 1
    gen.wait()
srv.send_signal(signal.SIGTERM); srv.wait()
print(out, n)
