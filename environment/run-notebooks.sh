#!/usr/bin/env bash
# Re-runs notebooks with the Java kernel: in full mode (default) in place, replacing their outputs, or with --smoke
# only timing them; each run's wall time goes into the notebook's header (environment/run_notebooks.py says how).
#   environment/run-notebooks.sh                       every notebook in notebooks/, full mode
#   environment/run-notebooks.sh --smoke               every notebook, smoke mode (outputs kept)
#   environment/run-notebooks.sh notebooks/03-*.ipynb  some of them
# Needs the built artifact (mvn -B -DskipTests package) and Python with nbclient: .venv's (environment/setup.sh) or
# Debian's (apt-get install python3-nbclient jupyter-client). ULLSNN_DATA and ULLSNN_RUNS reach the kernel.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
python=""
for candidate in "$root/.venv/bin/python" /usr/bin/python3; do
  if [[ -x "$candidate" ]] && "$candidate" -c "import nbclient" 2>/dev/null; then python="$candidate"; break; fi
done
if [[ -z "$python" ]]; then
  echo "no Python with nbclient: run environment/setup.sh, or apt-get install python3-nbclient jupyter-client" >&2
  exit 1
fi
args=() notebooks=()
for a in "$@"; do [[ "$a" == --* ]] && args+=("$a") || notebooks+=("$a"); done
((${#notebooks[@]})) || notebooks=(notebooks/*.ipynb)
# a private kernelspec for this run, so the machine's Jupyter set-up does not matter
mkdir -p target
export RUN_NOTEBOOKS_LOG="${RUN_NOTEBOOKS_LOG:-target/run-notebooks.log}"
jupyter_home="$(mktemp -d)"
trap 'rm -rf "$jupyter_home"' EXIT
bin/ullsnn kernel install --prefix "$jupyter_home" --name ullsnn-run >/dev/null
export JUPYTER_PATH="$jupyter_home/share/jupyter"
"$python" environment/run_notebooks.py ullsnn-run ${args[@]+"${args[@]}"} "${notebooks[@]}"
