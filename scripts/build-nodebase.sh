#!/usr/bin/env bash
# Builds the registry-free base image phasegate/nodebase:<node version> from the host's node binary and
# Debian's static busybox (`docker import`, no FROM, no registry). Idempotent: does nothing when the tag exists.
# Usage: scripts/build-nodebase.sh [--force] [tag]
set -euo pipefail
force=0
if [ "${1:-}" = "--force" ]; then force=1; shift; fi
NODE=$(readlink -f "$(command -v node)")
TAG=${1:-phasegate/nodebase:$("$NODE" -p 'process.versions.node')}
# Dockerfiles say `FROM phasegate/nodebase:local`; this alias always points at the current node's image.
ALIAS=phasegate/nodebase:local
if [ "$force" = 0 ] && docker image inspect "$TAG" >/dev/null 2>&1; then
  docker tag "$TAG" "$ALIAS"
  echo "nodebase: $TAG already present"
  exit 0
fi
BB=$(command -v busybox || true)
if [ -z "$BB" ] || ! file -L "$BB" 2>/dev/null | grep -q 'statically linked'; then
  [ -x /bin/busybox ] && file -L /bin/busybox | grep -q 'statically linked' && BB=/bin/busybox || {
    echo "nodebase: error: a statically linked busybox is required; fix: apt-get install -y busybox-static" >&2; exit 1; }
fi
R=$(mktemp -d)
trap 'rm -rf "$R"' EXIT
mkdir -p "$R"/bin "$R"/usr/bin "$R"/tmp "$R"/etc "$R"/app "$R"/root "$R"/proc "$R"/sys "$R"/dev "$R"/data "$R"/var/lib
chmod 1777 "$R"/tmp
cp "$NODE" "$R"/usr/bin/node
for lib in $(ldd "$NODE" | awk '/=>/ {print $3} /^\t\/lib/ {print $1}'); do
  mkdir -p "$R$(dirname "$lib")"; cp -L "$lib" "$R$lib"
done
cp "$BB" "$R"/bin/busybox
for a in sh ash wget tar gzip gunzip ls cat echo sleep mkdir rm cp mv env ps kill id du df date grep sed head tail wc nc true false sha256sum chmod chown touch find xargs test '['; do
  ln -s busybox "$R/bin/$a"
done
printf 'root:x:0:0:root:/root:/bin/sh\nnode:x:1000:1000:node:/app:/bin/sh\n' > "$R"/etc/passwd
printf 'root:x:0:\nnode:x:1000:\n' > "$R"/etc/group
printf 'hosts: files dns\n' > "$R"/etc/nsswitch.conf
printf '127.0.0.1 localhost\n::1 localhost\n' > "$R"/etc/hosts
tar -C "$R" -c . | docker import \
  -c 'ENV PATH=/usr/local/bin:/usr/bin:/bin NODE_ENV=production' \
  -c 'WORKDIR /app' -c 'CMD ["node"]' \
  -m "phasegate registry-free node base (node $("$NODE" -p 'process.versions.node'), busybox)" - "$TAG" >/dev/null
docker tag "$TAG" "$ALIAS"
echo "nodebase: built $TAG (alias $ALIAS)"
