"""End-to-end checks of the ULL-SNN Java kernel through jupyter_client, one per sub-command.

Each check starts the kernel named by KERNEL_IT_NAME (found through JUPYTER_PATH; its log goes to
KERNEL_IT_LOG), talks to it over loopback only, and prints one line of JSON with what it saw; the Java
integration tests assert on it. Usage:
    kernel_checks.py forged|robustness|behaviour|interrupt|early_interrupt|stdin|timing WORKDIR
"""
import json
import os
import signal
import socket
import sys
import time
from queue import Empty

from jupyter_client.manager import KernelManager
from jupyter_client.session import Session

KERNEL = os.environ["KERNEL_IT_NAME"]
TIMEOUT = 180


def start():
    began = time.monotonic()
    km = KernelManager(kernel_name=KERNEL)
    log = open(os.environ["KERNEL_IT_LOG"], "a")  # the kernel's own log, kept apart from the result
    km.start_kernel(stdout=log, stderr=log)
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=TIMEOUT)
    return km, kc, time.monotonic() - began


def stop(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=False)


def collect(kc, msg_id, timeout=TIMEOUT):
    """IOPub messages caused by msg_id up to its idle status, then its shell reply."""
    outputs = []
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "status":
            if msg["content"]["execution_state"] == "idle":
                break
            continue
        outputs.append({"type": msg["msg_type"], "content": msg["content"]})
    while True:
        reply = kc.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply["content"], outputs


def execute(kc, code, timeout=TIMEOUT):
    began = time.monotonic()
    reply, outputs = collect(kc, kc.execute(code), timeout)
    return {"reply": reply, "outputs": outputs, "seconds": time.monotonic() - began}


def text_of(result):
    for out in result["outputs"]:
        if out["type"] == "execute_result":
            return out["content"]["data"].get("text/plain")
    return None


def shell_replies_within(kc, seconds):
    """Parent msg_ids of the shell replies that arrive within the given time."""
    parents = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            parents.append(kc.get_shell_msg(timeout=0.2)["parent_header"].get("msg_id"))
        except Empty:
            pass
    return parents


def execute_request(code):
    return {"code": code, "silent": False, "store_history": True, "user_expressions": {}, "allow_stdin": False,
            "stop_on_error": True}


def forged(workdir):
    """A request signed with the wrong key is dropped; a replayed one too; properly signed ones still work."""
    km, kc, _ = start()
    try:
        marker = os.path.join(workdir, "forged-code-ran")
        code = 'java.nio.file.Files.writeString(java.nio.file.Path.of("%s"), "ran");' % marker
        attacker = Session(key=b"not-the-connection-key", username="attacker")
        bad = attacker.msg("execute_request", content=execute_request(code))
        attacker.send(kc.shell_channel.socket, bad)
        attacker.send(kc.control_channel.socket, attacker.msg("shutdown_request", content={"restart": False}))
        after = execute(kc, "6 * 7")
        late = shell_replies_within(kc, 3)

        counter = os.path.join(workdir, "replayed-code-ran")
        once = kc.session.msg("execute_request", content=execute_request(
            'java.nio.file.Files.writeString(java.nio.file.Path.of("%s"), "x", '
            'java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);' % counter))
        kc.session.send(kc.shell_channel.socket, once)
        kc.session.send(kc.shell_channel.socket, once)  # the very same signed frames again
        replies = shell_replies_within(kc, 5)
        final = execute(kc, "1 + 1")
        result = {
            "forged_msg_id": bad["header"]["msg_id"],
            "forged_code_ran": os.path.exists(marker),
            "reply_after_forged": after["reply"]["status"],
            "value_after_forged": text_of(after),
            "late_reply_parents": late,
            "replay_reply_count": replies.count(once["header"]["msg_id"]),
            "replayed_code_runs": len(open(counter).read()) if os.path.exists(counter) else 0,
            "value_at_end": text_of(final),
            "alive": km.is_alive(),
        }
    finally:
        stop(km, kc)
    print(json.dumps(result))


def listening_addresses(pid):
    """ip:port of every listening TCP socket the process owns (from /proc)."""
    inodes = set()
    for fd in os.listdir("/proc/%d/fd" % pid):
        try:
            link = os.readlink("/proc/%d/fd/%s" % (pid, fd))
        except OSError:
            continue
        if link.startswith("socket:["):
            inodes.add(link[8:-1])
    found = []
    for table, family in (("/proc/net/tcp", socket.AF_INET), ("/proc/net/tcp6", socket.AF_INET6)):
        if not os.path.exists(table):
            continue
        for line in open(table).readlines()[1:]:
            fields = line.split()
            if fields[3] != "0A" or fields[9] not in inodes:  # 0A: LISTEN
                continue
            hex_ip, hex_port = fields[1].split(":")
            # /proc prints the address as 32-bit words in host (little-endian) byte order
            raw = b"".join(bytes.fromhex(hex_ip[i:i + 8])[::-1] for i in range(0, len(hex_ip), 8))
            ip = socket.inet_ntop(family, raw)
            if ip.startswith("::ffff:"):
                ip = ip[len("::ffff:"):]  # an IPv4 address served by an IPv6 socket
            found.append("%s:%d" % (ip, int(hex_port, 16)))
    return sorted(found)


def robustness(workdir):
    """Sockets on the connection file's ip only; System.exit blocked; errors readable; the kernel lives on."""
    km, kc, _ = start()
    try:
        info = km.get_connection_info()
        ports = sorted(info[k] for k in ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port"))
        addresses = listening_addresses(km.provisioner.process.pid)
        exit_call = execute(kc, "System.exit(3)")
        after_exit = execute(kc, "40 + 2")
        execute(kc, "int pick(int i) {\n  int j = i * 2;\n  return List.of(1).get(j);\n}")
        thrown = execute(kc, "int one = 1;\npick(one)")
        compile_error = execute(kc, "int fine = 1;\nint broken = missingName + 1;")
        printed = execute(kc, 'for (int i = 0; i < 3; i++) { System.out.println("line " + i); Thread.sleep(400); }')
        env = execute(kc, "%env ULLSNN_IT_VAR=from-magic\nSystem.getenv(\"ULLSNN_IT_VAR\")")
        result = {
            "ip": info["ip"],
            "ports": ports,
            "listening": addresses,
            "exit_reply": exit_call["reply"],
            "after_exit": text_of(after_exit),
            "thrown_reply": thrown["reply"],
            "compile_reply": compile_error["reply"],
            "stream_chunks": [o["content"]["text"] for o in printed["outputs"] if o["type"] == "stream"],
            "env_value": text_of(env),
            "alive": km.is_alive(),
        }
    finally:
        stop(km, kc)
    print(json.dumps(result))


def behaviour(workdir):
    """display/updateDisplay ids, user_expressions, queued cells aborted after an error, a clean exit on shutdown."""
    km, kc, _ = start()
    try:
        shown = execute(kc, 'String id = display("first");\nupdateDisplay(id, markdown("*second*"));')
        msg_id = kc.execute("int ux = 5;", user_expressions={"twice": "ux * 2", "broken": "nope + 1"})
        with_expressions, _ = collect(kc, msg_id)
        failing = kc.execute('Thread.sleep(1000);\nthrow new IllegalStateException("first cell fails");')
        queued = [kc.execute("ux = 100;"), kc.execute("ux = 200;")]
        statuses = {}
        while len(statuses) < 3:
            reply = kc.get_shell_msg(timeout=TIMEOUT)
            statuses[reply["parent_header"]["msg_id"]] = reply["content"]["status"]
        value_after = execute(kc, "ux")
        kc.shutdown()
        deadline = time.monotonic() + 20
        while km.is_alive() and time.monotonic() < deadline:
            time.sleep(0.2)
        result = {
            "display_outputs": [{"type": o["type"], "id": o["content"].get("transient", {}).get("display_id"),
                                 "mime": sorted(o["content"].get("data", {}))} for o in shown["outputs"]
                                if o["type"] in ("display_data", "update_display_data")],
            "user_expressions": with_expressions["user_expressions"],
            "failing_status": statuses[failing],
            "queued_statuses": [statuses[q] for q in queued],
            "value_after": text_of(value_after),
            "exited_by_itself": not km.is_alive(),
            "exit_code": km.provisioner.process.poll() if km.provisioner and km.provisioner.process else None,
        }
    finally:
        kc.stop_channels()
        if km.is_alive():
            km.shutdown_kernel(now=True)
    print(json.dumps(result))


TINY_NET = """
var shape = new ImageShape(3, 8, 8);
var data = new CifarEpochData(SyntheticImages.generate(4, 512, shape, 1), SyntheticImages.generate(4, 16, shape, 2),
        SyntheticImages.normalization(3), 8, 7, false);
var config = TrainConfig.defaults().withEpochs(1000).withBatchSize(8).withLearningRate(0.05).withSeed(7);
var net = Networks.build(NetworkSpec.defaults(Architecture.TINY, 4).withInput(3, 8), config.updater(), config.l2(),
        config.seed());
var checkpoints = new CheckpointStore(Files.createTempDirectory("interrupt-it"), 1);
"""


def interrupt(workdir):
    """A long training cell shows one progress bar updated in place; an interrupt stops it between batches."""
    km, kc, _ = start()
    try:
        setup = execute(kc, TINY_NET)
        msg_id = kc.execute("new Trainer(config, checkpoints, progress(), m -> { }).train(net, data, List.of());")
        displays, updates = [], 0
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            msg = kc.get_iopub_msg(timeout=TIMEOUT)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "display_data":
                displays.append(msg["content"])
            elif msg["msg_type"] == "update_display_data":
                updates += 1
                if updates >= 3:
                    break
        interrupted_at = time.monotonic()
        km.interrupt_kernel()
        reply, outputs = collect(kc, msg_id)
        stopped_after = time.monotonic() - interrupted_at
        epochs = execute(kc, "net.getEpochCount()")
        after = execute(kc, "1 + 1")
        result = {
            "setup": setup["reply"]["status"],
            "progress_displays": len(displays),
            "progress_html": displays[0]["data"].get("text/html", "") if displays else "",
            "progress_display_id": displays[0].get("transient", {}).get("display_id") if displays else None,
            "progress_updates_seen": updates,
            "reply": reply,
            "stopped_after_seconds": stopped_after,
            "epochs_done": text_of(epochs),
            "after": text_of(after),
            "alive": km.is_alive(),
        }
    finally:
        stop(km, kc)
    print(json.dumps(result))


def interrupted_cell(km, kc, code, send_interrupt, after_seconds=1.0):
    """Runs code, interrupts it after_seconds later with send_interrupt(); the reply and how long the cell took."""
    began = time.monotonic()
    msg_id = kc.execute(code)
    time.sleep(after_seconds)
    send_interrupt()
    reply, outputs = collect(kc, msg_id, timeout=60)
    return {"reply": {k: reply.get(k) for k in ("status", "ename", "evalue")},
            "seconds": time.monotonic() - began,
            "stderr": "".join(o["content"]["text"] for o in outputs
                              if o["type"] == "stream" and o["content"]["name"] == "stderr")}


def early_interrupt(workdir):
    """An interrupt 1 s into the first cell of a fresh kernel (JShell still warming up) stops it at once, in both
    interrupt modes: interrupt_request on the control channel (the kernelspec's "message"), and SIGINT ("signal")."""
    km, kc, _ = start()
    try:
        mode = km.kernel_spec.interrupt_mode
        by_message = interrupted_cell(km, kc, "Thread.sleep(15000);", km.interrupt_kernel)
        after_message = execute(kc, "1 + 1")
        by_signal = interrupted_cell(km, kc, "Thread.sleep(15000);", lambda: km.signal_kernel(signal.SIGINT))
        after_signal = execute(kc, "2 + 2")
        result = {
            "interrupt_mode": mode,
            "by_message": by_message,
            "after_message": text_of(after_message),
            "by_signal": by_signal,
            "after_signal": text_of(after_signal),
            "alive": km.is_alive(),
        }
    finally:
        stop(km, kc)
    print(json.dumps(result))


def answered(kc, code, answers, allow_stdin=True, reply_with_parent=True):
    """Runs code; answers each input_request it sends, in order; returns what the cell showed and the requests."""
    msg_id = kc.execute(code, allow_stdin=allow_stdin)
    requests = []
    for answer in answers:
        request = kc.get_stdin_msg(timeout=TIMEOUT)
        requests.append({"msg_type": request["msg_type"], "content": request["content"],
                         "parent_msg_id": request["parent_header"].get("msg_id"), "ours": msg_id})
        if callable(answer):
            answer(request)
        elif reply_with_parent:  # as JupyterLab does
            kc.stdin_channel.send(kc.session.msg("input_reply", {"value": answer}, parent=request["header"]))
        else:  # jupyter_client's own KernelClient.input sends no parent
            kc.input(answer)
    reply, outputs = collect(kc, msg_id)
    return {"reply": {k: reply.get(k) for k in ("status", "ename", "evalue")},
            "value": next((o["content"]["data"].get("text/plain") for o in outputs if o["type"] == "execute_result"),
                          None),
            "stdout": "".join(o["content"]["text"] for o in outputs
                              if o["type"] == "stream" and o["content"]["name"] == "stdout"),
            "stderr": "".join(o["content"]["text"] for o in outputs
                              if o["type"] == "stream" and o["content"]["name"] == "stderr"),
            "requests": requests}


def stdin(workdir):
    """System.in in a cell: input_request on the stdin channel, answered by input_reply; forged replies dropped;
    refused without allow_stdin; an interrupt ends the wait."""
    km, kc, _ = start()
    try:
        scanner = answered(kc, 'System.out.print("name? ");\nnew java.util.Scanner(System.in).nextLine()', ["hello"],
                           reply_with_parent=False)

        attacker = Session(key=b"not-the-connection-key", username="attacker")

        def forged_then_genuine(request):
            attacker.send(kc.stdin_channel.socket, attacker.msg("input_reply", {"value": "forged"},
                                                                parent=request["header"]))
            time.sleep(0.5)
            kc.stdin_channel.send(kc.session.msg("input_reply", {"value": "one"}, parent=request["header"]))

        two_lines = answered(kc, "var in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in));\n"
                                 'in.readLine() + "|" + in.readLine()', [forged_then_genuine, "two"])

        refused_scanner = answered(kc, "new java.util.Scanner(System.in).nextLine()", [], allow_stdin=False)
        refused_read = answered(kc, "System.in.read()", [], allow_stdin=False)

        msg_id = kc.execute("new java.util.Scanner(System.in).nextLine()")
        kc.get_stdin_msg(timeout=TIMEOUT)
        began = time.monotonic()
        km.interrupt_kernel()
        waiting_reply, _ = collect(kc, msg_id, timeout=60)
        interrupted_after = time.monotonic() - began
        after = answered(kc, "new java.util.Scanner(System.in).nextLine().length()", ["four"])
        result = {
            "scanner": scanner,
            "two_lines": two_lines,
            "refused_scanner": refused_scanner,
            "refused_read": refused_read,
            "interrupted_wait": {k: waiting_reply.get(k) for k in ("status", "ename", "evalue")},
            "interrupted_wait_seconds": interrupted_after,
            "after_interrupt": after,
            "alive": km.is_alive(),
        }
    finally:
        stop(km, kc)
    print(json.dumps(result))


def timing(workdir):
    """Start-to-ready, first-cell and first-ND4J-cell times of a fresh kernel."""
    km, kc, ready = start()
    try:
        first = execute(kc, "1 + 1")
        second = execute(kc, "2 + 2")
        nd4j = execute(kc, "Nd4j.ones(2, 2).sumNumber()")
        chart = execute(kc, 'QuickChart.getChart("t", "x", "y", "s", new double[] {1, 2}, new double[] {3, 4})')
        table = execute(kc, 'Table.create("t", IntColumn.create("a", 1, 2))')
        result = {
            "start_to_ready_seconds": ready,
            "first_cell_seconds": first["seconds"],
            "second_cell_seconds": second["seconds"],
            "first_nd4j_cell_seconds": nd4j["seconds"],
            "first_chart_cell_seconds": chart["seconds"],
            "first_table_cell_seconds": table["seconds"],
            "values": [text_of(first), text_of(nd4j)],
        }
    finally:
        stop(km, kc)
    print(json.dumps(result))


if __name__ == "__main__":
    {"forged": forged, "robustness": robustness, "behaviour": behaviour, "interrupt": interrupt,
     "early_interrupt": early_interrupt, "stdin": stdin, "timing": timing}[sys.argv[1]](sys.argv[2])
