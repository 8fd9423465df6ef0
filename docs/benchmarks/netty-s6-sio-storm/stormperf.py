#!/usr/bin/env python3
# stormperf.py <jar> <label> <protocol> <storms> <record|stat>: a pinned server with perf map; perf
# watches the server only inside each storm window (from "firing their joins" to "answered in"):
# `record` samples it (-F 4999 -g: perf{n}.data, folded by fold.py), `stat` counts task-clock and
# the send/read system calls (stat{n}.txt, summed by statsum.py). Results under $RUNS
# (default /tmp/sio-storm-runs).
import subprocess, sys, time, os, signal, urllib.request
jar, label, proto, storms, mode = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
if mode not in ("record", "stat"):
    sys.exit("mode must be record or stat")
port = 18091 if mode == "record" else 18092
runs = os.environ.get("RUNS", "/tmp/sio-storm-runs")
out = f"{runs}/perf-{label}-{proto}-{time.strftime('%H%M%S')}"
os.makedirs(out)
srv = subprocess.Popen(["taskset", "-c", "0", "java", "-XX:+UnlockDiagnosticVMOptions", "-XX:+DumpPerfMapAtExit",
    *(["-XX:+PreserveFramePointer"] if mode == "record" else []), "-jar", jar, "server", "--port", str(port), "--transport", "netty"],
    stdout=open(out + "/server.log", "w"), stderr=subprocess.STDOUT)
for _ in range(60):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/stats"); break
    except Exception:
        time.sleep(0.5)
subprocess.run(["taskset", "-c", "1", "java", "-jar", jar, "pairs", "--port", str(port), "--protocol", proto, "--pairs", "500",
    "--size", "1000", "--rate", "5000", "--warmup", "0", "--duration", "15", "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
# The perf command of each mode and the file it writes per storm window.
PERF = {
    "record": (["perf", "record", "-F", "4999", "-g"], "perf{n}.data"),
    "stat": (["perf", "stat", "-x", ",", "-e", "task-clock,context-switches,syscalls:sys_enter_write,syscalls:sys_enter_writev,syscalls:sys_enter_read,syscalls:sys_enter_recvfrom,syscalls:sys_enter_sendto,syscalls:sys_enter_sendmsg,raw_syscalls:sys_enter"], "stat{n}.txt"),
}
perf_command, perf_output = PERF[mode]
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
            perf = subprocess.Popen(perf_command + ["-p", str(srv.pid), "-o", f"{out}/" + perf_output.format(n=n)],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        elif "answered in" in line and perf:
            perf.send_signal(signal.SIGINT); perf.wait(); perf = None; n += 1
    gen.wait()
srv.send_signal(signal.SIGTERM); srv.wait()
print(out, n)
