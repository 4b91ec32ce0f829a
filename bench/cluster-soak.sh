#!/usr/bin/env bash
# Three gwsocket nodes on loopback under a steady cross-node broadcast load for SECONDS (default 600): wsload's clients
# on node 1, its records written into node 2's pipe-in, so every record crosses the cluster. Prints each wsload run's
# RESULT line and every line in which a node saw another unreachable or downed: a healthy run prints none.
# Usage: bench/cluster-soak.sh [SECONDS] (after dotnet build GwSocket.Actors.sln -c Release; needs gcc for wsload)
set -euo pipefail
seconds=${1:-600}
rate=${RATE:-300}       # records per second, each to every client
clients=${CLIENTS:-300}
repo=$(cd "$(dirname "$0")/.." && pwd)
dll=${SERVER:-$repo/src/GwSocket.Server/bin/Release/net10.0/gwsocket.dll}
work=$(mktemp -d /tmp/gwsocket-cluster-soak-XXXXXX)
gcc -O2 -pthread -o "$work/wsload" "$repo/../shared/tools/wsload/wsload.c"

base=${PORT:-24000}
seeds="--seed=127.0.0.1:$((base + 53)) --seed=127.0.0.1:$((base + 54)) --seed=127.0.0.1:$((base + 55))"
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT
for i in 1 2 3; do
  mkfifo "$work/n$i.in" "$work/n$i.out"
  # shellcheck disable=SC2086
  dotnet "$dll" --strict --port=$((base + i)) --cluster-host=127.0.0.1 --cluster-port=$((base + 52 + i)) $seeds \
    --node-name=n$i --pipein="$work/n$i.in" --pipeout="$work/n$i.out" 2>"$work/n$i.log" &
  pids+=($!)
  cat "$work/n$i.out" >/dev/null &
  pids+=($!)
done
for _ in $(seq 1 120); do
  [ "$(grep -l 'joined the broker' "$work"/n?.log 2>/dev/null | wc -l)" = 3 ] && break
  sleep 1
done
echo "three nodes up; logs in $work"

end=$(( $(date +%s) + seconds ))
while :; do
  left=$(( end - $(date +%s) ))
  records=$(( left * rate < 30 * rate ? left * rate : 30 * rate ))
  [ "$records" -ge "$rate" ] || break
  timeout $(( records / rate + 120 )) "$work/wsload" broadcast -p $((base + 1)) -n "$clients" -m "$records" -s 1024 \
    -r "$rate" --pipein "$work/n2.in" --server-pid "${pids[0]}" --timeout $(( records / rate + 60 )) | grep RESULT || true
done
echo "members seen unreachable or downed:"
grep -H -E 'is unreachable|was downed' "$work"/n?.log || echo "none"
