#!/usr/bin/env bash
# Sets up a fresh machine for the notebooks:
#   1. checks the JDK and Maven (environment/check-jdk.sh),
#   2. builds the runnable artifact (target/ullsnn.jar + target/lib/),
#   3. installs JupyterLab in a local virtualenv (.venv, pip install jupyterlab), or falls back to a `jupyter`
#      already on the machine,
#   4. installs the Java kernel (bin/ullsnn kernel install) where that Jupyter finds it.
# Then start JupyterLab with environment/lab.sh.
#
# Options:
#   --index-url URL   package index for pip (a local mirror). Default: $PIP_INDEX_URL if set, else the first
#                     extra index of pip's own configuration if it has one (machines with a mirror usually cannot
#                     reach PyPI), else PyPI.
#   --no-venv         do not create .venv; use the jupyter already installed.
#   --skip-build      do not run Maven (the artifact is already built).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

index_url="${PIP_INDEX_URL:-}"
use_venv=1
build=1
while (($#)); do
  case "$1" in
    --index-url) index_url="$2"; shift 2 ;;
    --no-venv) use_venv=0; shift ;;
    --skip-build) build=0; shift ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "setup.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

echo "== JDK and Maven"
environment/check-jdk.sh

if ((build)); then
  echo "== build (mvn -B -DskipTests package)"
  mvn -B -q -Dstyle.color=never -DskipTests package
fi
[[ -f target/ullsnn.jar ]] || { echo "target/ullsnn.jar is missing: run without --skip-build" >&2; exit 1; }

echo "== JupyterLab"
venv="$root/.venv"
jupyter=""
if ((use_venv)); then
  python=""
  for candidate in python3 /usr/bin/python3; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c "import venv, ensurepip" 2>/dev/null; then
      python="$candidate"
      break
    fi
  done
  if [[ -z "$python" ]]; then
    echo "no python3 with venv and ensurepip (on Debian: apt-get install python3-venv); trying an installed jupyter"
  elif [[ -x "$venv/bin/jupyter-lab" ]]; then
    echo "JupyterLab is already in $venv"
    jupyter="$venv/bin/jupyter"
  else
    "$python" -m venv "$venv"
    if [[ -z "$index_url" ]]; then
      configured="$("$venv/bin/pip" config get global.extra-index-url 2>/dev/null || true)"
      index_url="${configured%% *}"
    fi
    pip_args=(install --disable-pip-version-check -qq)
    [[ -n "$index_url" ]] && pip_args+=(--index-url "$index_url")
    echo "installing JupyterLab into $venv (a minute or more): pip ${pip_args[*]} jupyterlab"
    if "$venv/bin/pip" "${pip_args[@]}" jupyterlab; then
      jupyter="$venv/bin/jupyter"
    else
      echo "pip could not install JupyterLab into $venv; trying an installed jupyter" >&2
    fi
  fi
fi
if [[ -z "$jupyter" ]]; then
  for candidate in jupyter /usr/bin/jupyter; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" --version >/dev/null 2>&1; then
      jupyter="$(command -v "$candidate")"
      break
    fi
  done
fi
[[ -n "$jupyter" ]] || { echo "no Jupyter: install JupyterLab (pip install jupyterlab) or Debian's jupyter-notebook" >&2; exit 1; }
if version="$("$jupyter" lab --version 2>/dev/null)"; then
  echo "using $jupyter (JupyterLab $version)"
else
  echo "using $jupyter (classic Notebook $("$jupyter" notebook --version 2>/dev/null || echo '?'))"
fi

echo "== Java kernel"
if [[ "$jupyter" == "$venv/bin/jupyter" ]]; then
  bin/ullsnn kernel install --prefix "$venv"   # seen by this JupyterLab only
else
  bin/ullsnn kernel install --user             # seen by every Jupyter of this user
fi
"$jupyter" kernelspec list

echo
echo "Ready. Start JupyterLab on the notebooks with: environment/lab.sh"
