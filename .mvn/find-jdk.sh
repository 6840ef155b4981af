# shellcheck shell=sh
# Sourced by ./mvnw and ./statekeeper: points JAVA_HOME at a JDK >= 21.
# Order: JAVA_HOME if it is new enough, then the newest JDK in the system's JVM
# directories, then the javac on PATH. Prints what is missing and exits when none fits.
sk_jdk_major() {
  # $1 = a JDK home; prints its feature version (17, 21, 25...) or nothing
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" | head -n 1
  elif [ -x "$1/bin/java" ]; then
    "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1
  fi
}
sk_find_jdk() {
  sk_seen=""
  sk_min=21
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    sk_v=$(sk_jdk_major "$JAVA_HOME")
    if [ "${sk_v:-0}" -ge "$sk_min" ]; then return 0; fi
    sk_seen="JAVA_HOME=$JAVA_HOME is Java ${sk_v:-unknown}"
  fi
  sk_best="" sk_best_v=0
  case $- in *f*) sk_noglob=1; set +f ;; *) sk_noglob="" ;; esac  # ./mvnw runs with set -f
  for sk_d in /usr/lib/jvm/* /usr/java/* /opt/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$sk_d/bin/javac" ] || continue
    sk_v=$(sk_jdk_major "$sk_d")
    if [ "${sk_v:-0}" -ge "$sk_min" ] && [ "${sk_v:-0}" -gt "$sk_best_v" ]; then sk_best=$sk_d sk_best_v=$sk_v; fi
  done
  if [ -n "$sk_noglob" ]; then set -f; fi
  if [ -z "$sk_best" ] && command -v javac >/dev/null 2>&1; then
    sk_d=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    sk_v=$(sk_jdk_major "$sk_d")
    if [ "${sk_v:-0}" -ge "$sk_min" ]; then sk_best=$sk_d; fi
  fi
  if [ -z "$sk_best" ]; then
    echo "statekeeper: needs a JDK $sk_min or newer, and none was found${sk_seen:+ ($sk_seen)}." >&2
    echo "  looked in: JAVA_HOME, /usr/lib/jvm, /usr/java, /opt/java, /Library/Java/JavaVirtualMachines, javac on PATH" >&2
    echo "  fix: install one (Debian/Ubuntu: apt-get install openjdk-21-jdk-headless) or set JAVA_HOME to it" >&2
    exit 1
  fi
  JAVA_HOME=$sk_best
  export JAVA_HOME
}
sk_find_jdk
