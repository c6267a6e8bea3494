#!/usr/bin/env bash
# phasegate bootstrap: makes a fresh Debian machine (Node 20, root) ready to run the gates and the tests.
# Idempotent: a second run with everything present does no apt, npm or image work.
# Steps: system packages (apt) -> Docker daemon -> npm dependencies -> registry-free base image.
# Env: PHASEGATE_BOOTSTRAP_QUIET=1 prints only the summary line; PHASEGATE_SKIP_APT=1 skips the apt step.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(docker.io docker-compose chromium chromium-headless-shell wrk busybox-static)
DOCKERD_LOG=${PHASEGATE_DOCKERD_LOG:-/var/log/phasegate-dockerd.log}
DOCKERD_WAIT_S=${PHASEGATE_DOCKERD_WAIT_S:-60}
did=()
t_all=$(date +%s%N)

say() { [ "${PHASEGATE_BOOTSTRAP_QUIET:-0}" = 1 ] || echo "bootstrap: $*"; }
fail() { echo "bootstrap: error: $1" >&2; [ -n "${2:-}" ] && echo "bootstrap: fix: $2" >&2; exit "${3:-3}"; }
ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
step() { # step <name> <function>
  local t; t=$(date +%s%N)
  "$2"
  say "$(printf '%-14s %6s ms  %s' "$1" "$(ms_since "$t")" "$STEP_RESULT")"
}

# Runs a command with a time bound so a Docker socket that never answers cannot hang the bootstrap.
bounded() { timeout "$1" "${@:2}"; }

check_platform() {
  [ -r /etc/debian_version ] || fail "this is not a Debian-family system (/etc/debian_version missing)" \
    "run phasegate on Debian bookworm (or install docker, docker-compose, chromium, chromium-headless-shell, wrk and busybox-static yourself and set PHASEGATE_SKIP_APT=1)"
  command -v node >/dev/null || fail "node is not installed" "install Node.js >= 20.19"
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
    || fail "node $(node -v) is too old; phasegate needs >= 20.19" "install Node.js 20.19 or newer"
  STEP_RESULT="debian $(cat /etc/debian_version), node $(node -v)"
}

missing_packages() {
  local p missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  echo "${missing[@]:-}"
}

install_packages() {
  if [ "${PHASEGATE_SKIP_APT:-0}" = 1 ]; then STEP_RESULT="skipped (PHASEGATE_SKIP_APT=1)"; return; fi
  local missing; missing=$(missing_packages)
  if [ -z "$missing" ]; then STEP_RESULT="present: ${PACKAGES[*]}"; return; fi
  [ "$(id -u)" = 0 ] || fail "missing system packages ($missing) and not running as root" "run as root, or: sudo apt-get install -y $missing"
  command -v apt-get >/dev/null || fail "apt-get not found; cannot install $missing" "install them with your package manager"
  say "installing $missing (apt, about a minute)…"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/tmp/phasegate-apt.log 2>&1 \
    || fail "apt-get update failed (see /tmp/phasegate-apt.log)" "check the network access to Debian's mirrors"
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >>/tmp/phasegate-apt.log 2>&1 \
    || fail "apt-get install $missing failed (see /tmp/phasegate-apt.log)" "run: apt-get install -y $missing"
  did+=("apt:$missing")
  STEP_RESULT="installed $missing"
}

start_docker() {
  if bounded 10 docker info >/dev/null 2>&1; then STEP_RESULT="daemon answers ($(bounded 10 docker version -f '{{.Server.Version}}' 2>/dev/null))"; return; fi
  command -v dockerd >/dev/null || fail "dockerd is not installed" "apt-get install -y docker.io"
  if ! pgrep -x dockerd >/dev/null; then
    [ "$(id -u)" = 0 ] || fail "the Docker daemon is not running and only root can start it" "sudo dockerd &  (or: sudo systemctl start docker)"
    say "starting dockerd (log: $DOCKERD_LOG)…"
    mkdir -p "$(dirname "$DOCKERD_LOG")"
    nohup dockerd >>"$DOCKERD_LOG" 2>&1 &
    did+=("dockerd")
  fi
  local i
  for ((i = 0; i < DOCKERD_WAIT_S; i++)); do
    bounded 5 docker info >/dev/null 2>&1 && { STEP_RESULT="daemon started in ${i}s"; return; }
    sleep 1
  done
  fail "the Docker daemon did not answer within ${DOCKERD_WAIT_S}s (last log lines: $(tail -3 "$DOCKERD_LOG" 2>/dev/null | tr '\n' ' '))" \
    "read $DOCKERD_LOG; on a container host dockerd may need --iptables=false or a privileged environment"
}

npm_install() {
  local want have=""
  want=$(sha256sum package-lock.json | cut -d' ' -f1)
  [ -f node_modules/.phasegate-lock-sha256 ] && have=$(cat node_modules/.phasegate-lock-sha256)
  if [ "$want" = "$have" ] && [ -d node_modules/vitest ]; then STEP_RESULT="node_modules up to date"; return; fi
  say "npm ci (package-lock.json changed or node_modules missing)…"
  npm ci --no-audit --no-fund --loglevel=error >/tmp/phasegate-npm.log 2>&1 \
    || fail "npm ci failed (see /tmp/phasegate-npm.log)" "check access to the npm registry, then rerun"
  echo "$want" > node_modules/.phasegate-lock-sha256
  did+=("npm ci")
  STEP_RESULT="npm ci done"
}

base_image() {
  local out
  out=$(bash scripts/build-nodebase.sh) || fail "building the base image failed" "run: bash scripts/build-nodebase.sh --force"
  case "$out" in *built*) did+=("base image") ;; esac
  STEP_RESULT="${out#nodebase: }"
}

step platform check_platform
step apt install_packages
step docker start_docker
step npm npm_install
step base-image base_image
work="${did[*]:-nothing to do}"
echo "bootstrap: ready in $(ms_since "$t_all") ms (did: $work)"
