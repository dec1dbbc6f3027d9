"""Re-runs notebooks with the ULL-SNN Java kernel and records how long each took in its own header.

Usage (through environment/run-notebooks.sh, which installs the kernel and picks the Python):
    run_notebooks.py KERNEL_NAME [--smoke] NOTEBOOK.ipynb...

Full mode (the default) executes each notebook in place: its outputs are replaced by this run's, and the text between
the header's markers <!-- time:full --> and <!-- /time --> becomes the measured wall time (kernel start included).
With --smoke the kernel runs with SMOKE=1, the outputs are left as they are, and only the <!-- time:smoke --> marker is
rewritten. A notebook that fails keeps its old outputs and header; the run goes on and exits 1 at the end.
"""
import datetime
import os
import re
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

CELL_TIMEOUT_S = 4 * 3600


def measured(seconds, smoke):
    day = datetime.date.today().isoformat()
    cores = os.cpu_count()
    where = "" if smoke else " in full mode"   # the smoke marker follows "Smoke mode (SMOKE=1): "
    return "%.0f s%s, measured on %s on a %d-core machine by `environment/run-notebooks.sh`, kernel start included" % (
        seconds, where, day, cores)


def record(notebook, marker, text):
    """Rewrites the first markdown cell's text between <!-- time:MARKER --> and <!-- /time -->; False if absent."""
    header = notebook.cells[0]
    pattern = re.compile(r"(<!-- time:%s -->).*?(<!-- /time -->)" % marker, re.S)
    if header.cell_type != "markdown" or not pattern.search(header.source):
        return False
    header.source = pattern.sub(lambda m: m.group(1) + text + m.group(2), header.source, count=1)
    return True


def run(path, kernel, smoke, log):
    notebook = nbformat.read(path, as_version=4)
    folder = os.path.dirname(os.path.abspath(path))
    if smoke:
        os.environ["SMOKE"] = "1"
    else:
        os.environ.pop("SMOKE", None)
    client = NotebookClient(notebook, kernel_name=kernel, timeout=CELL_TIMEOUT_S,
                            resources={"metadata": {"path": folder}})
    began = time.monotonic()
    client.execute(stdout=log, stderr=log)   # the kernel's own log
    seconds = time.monotonic() - began
    if smoke:
        notebook = nbformat.read(path, as_version=4)   # keep the committed full-mode outputs
    marker = "smoke" if smoke else "full"
    if not record(notebook, marker, measured(seconds, smoke)):
        print("  (no <!-- time:%s --> marker in the header: time not recorded)" % marker)
    nbformat.write(notebook, path)
    return seconds


def main(argv):
    kernel, rest = argv[0], argv[1:]
    smoke = "--smoke" in rest
    notebooks = [a for a in rest if a != "--smoke"]
    failed = []
    log_path = os.environ.get("RUN_NOTEBOOKS_LOG", "run-notebooks.log")
    log = open(log_path, "a")
    print("kernel log: " + log_path)
    for path in notebooks:
        print("%s (%s mode) ..." % (path, "smoke" if smoke else "full"), flush=True)
        try:
            seconds = run(path, kernel, smoke, log)
            print("  done in %.0f s" % seconds, flush=True)
        except CellExecutionError as e:
            failed.append(path)
            print("  FAILED, notebook left as it was:\n%s" % str(e)[-2000:], flush=True)
    if failed:
        print("failed: " + ", ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
