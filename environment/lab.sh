#!/usr/bin/env bash
# Starts JupyterLab on notebooks/ with the Java kernel: the one in .venv (environment/setup.sh), else an installed
# `jupyter lab`, else the classic `jupyter notebook`. Arguments go to Jupyter, e.g. --no-browser --port 8890.
# As root (containers, CI machines) it adds --allow-root, which Jupyter otherwise demands, and says so.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mkdir -p "$root/notebooks"

if [[ "$(id -u)" == 0 ]]; then
  echo "lab.sh: running as root, so Jupyter gets --allow-root (it refuses root without it)" >&2
  set -- --allow-root "$@"
fi

if [[ -x "$root/.venv/bin/jupyter-lab" ]]; then
  exec "$root/.venv/bin/jupyter-lab" --notebook-dir="$root/notebooks" "$@"
fi
for jupyter in jupyter /usr/bin/jupyter; do
  if command -v "$jupyter" >/dev/null 2>&1; then
    if "$jupyter" lab --version >/dev/null 2>&1; then
      exec "$jupyter" lab --notebook-dir="$root/notebooks" "$@"
    fi
    if "$jupyter" notebook --version >/dev/null 2>&1; then
      echo "JupyterLab is not installed; starting the classic Notebook (environment/setup.sh installs JupyterLab)" >&2
      exec "$jupyter" notebook --notebook-dir="$root/notebooks" "$@"
    fi
  fi
done
echo "no Jupyter found: run environment/setup.sh first" >&2
exit 1
