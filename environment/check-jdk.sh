#!/usr/bin/env bash
# Checks the build tools: a JDK 17 or newer (java and javac) and Maven 3.8 or newer.
# Prints what it found; exits 1 with what to install when something is missing.
set -euo pipefail

problems=0
java_bin="java"
[[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]] && java_bin="$JAVA_HOME/bin/java"

if ! command -v "$java_bin" >/dev/null 2>&1; then
  echo "no java on PATH (or in \$JAVA_HOME): install a JDK 17+, e.g. apt-get install openjdk-17-jdk-headless" >&2
  problems=1
else
  major=$("$java_bin" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
  major=${major%%.*}
  if [[ -z "$major" || "$major" -lt 17 ]]; then
    echo "Java 17 or newer is needed, found ${major:-an unknown version} ($java_bin)" >&2
    problems=1
  else
    echo "java:  $("$java_bin" -version 2>&1 | head -1)"
  fi
  javac_bin="$(dirname "$(readlink -f "$(command -v "$java_bin")")")/javac"
  if [[ ! -x "$javac_bin" ]] && ! command -v javac >/dev/null 2>&1; then
    echo "java is a runtime without javac: install the JDK, e.g. apt-get install openjdk-17-jdk-headless" >&2
    problems=1
  fi
fi

if ! command -v mvn >/dev/null 2>&1; then
  echo "no mvn on PATH: install Maven 3.8+, e.g. apt-get install maven" >&2
  problems=1
else
  echo "maven: $(mvn -B -v 2>/dev/null | head -1 | sed 's/\x1b\[[0-9;]*m//g')"
fi

exit "$problems"
