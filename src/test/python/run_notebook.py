"""Executes a notebook with the ULL-SNN Java kernel through nbclient and writes the executed copy.

Usage: run_notebook.py IN.ipynb OUT.ipynb   (kernel: KERNEL_IT_NAME, found through JUPYTER_PATH; its log goes
to KERNEL_IT_LOG)
"""
import os
import sys
import time

import nbformat
from nbclient import NotebookClient

notebook = nbformat.read(sys.argv[1], as_version=4)
began = time.monotonic()
client = NotebookClient(notebook, kernel_name=os.environ["KERNEL_IT_NAME"], timeout=600,
                        resources={"metadata": {"path": os.path.dirname(os.path.abspath(sys.argv[2]))}})
with open(os.environ["KERNEL_IT_LOG"], "a") as log:  # the kernel's own log
    client.execute(stdout=log, stderr=log)
nbformat.write(notebook, sys.argv[2])
print("executed %d cells in %.1f s" % (len(notebook.cells), time.monotonic() - began))
