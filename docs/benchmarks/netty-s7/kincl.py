#!/usr/bin/env python3
# kincl.py <dir>...: inclusive share of chosen kernel/user frames, and µs per message given cpu/msg in rate.json
import subprocess, sys, glob, re, collections, json
KEYS = ["__x64_sys_writev","__x64_sys_sendto","__x64_sys_recvfrom","__x64_sys_epoll_pwait2","tcp_sendmsg_locked","tcp_write_xmit","__tcp_transmit_skb","__dev_queue_xmit","net_rx_action","tcp_v4_rcv","tcp_rcv_established","tcp_ack","sock_def_readable","try_to_wake_up","tcp_recvmsg","_copy_from_iter","_copy_to_iter","import_iovec","fdget_pos","schedule","finish_task_switch.isra.0","asm_sysvec_apic_timer_interrupt","__tcp_send_ack.part.0","tcp_delack_timer","run_timer_softirq","handle_softirqs","irq_exit_rcu","__sock_sendmsg","do_writev","skb_copy_datagram_iter"]
for d in sys.argv[1:]:
    rate = json.load(open(d + "/rate.json")); cpu = rate["serverCpuUsPerMsg"]
    incl = collections.Counter(); total = 0; user_self = 0
    for f in glob.glob(d + "/perf*.data"):
        out = subprocess.run(["perf", "script", "-i", f, "-F", "comm,ip,sym"], capture_output=True, text=True).stdout
        for block in out.split("\n\n"):
            lines = [l.strip() for l in block.strip().split("\n") if l.strip()]
            if len(lines) < 2: continue
            total += 1
            names = set()
            for l in lines[1:]:
                p = l.split(None, 1)
                if len(p) == 2: names.add(re.sub(r"\+0x[0-9a-f]+$", "", p[1]))
            for k in KEYS:
                if k in names: incl[k] += 1
    print(f"== {d} cpu/msg={cpu} samples={total}")
    for k in KEYS:
        if incl[k]: print(f"  {k:34s} {100*incl[k]/total:5.1f}%  {cpu*incl[k]/total:5.2f} us/msg")
