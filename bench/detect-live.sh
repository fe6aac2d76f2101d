#!/usr/bin/env bash
# fathom detect --live on the lab's target side while Fathom scans the dark prefix at full rate (needs root).
#
#   bench/detect-live.sh [--name NAME] [--duration SECS] [--ports PORTS] [--rate PPS] [--threads N] [--keep]
#
# Brings up a lab (removed again on exit, also on failure or Ctrl-C), starts
#   ip netns exec NAME-tgt fathom detect --live NAME-t --duration SECS -o report.ndjson
# inside the target namespace (whose interface receives everything the scanner namespace sends), waits until
# its AF_PACKET socket is open, then runs from the scanner namespace
#   fathom scan --lab --lab-name NAME DARK --exclude LINK/30 -p PORTS --rate PPS --sender-threads N --cooldown 0 ...
# where DARK is the lab's dark prefix (198.19.0.0/16, dropped on the target's ingress, so nothing answers) and
# LINK/30 the veth link inside it. Every packet stays in the lab's namespaces; with the defaults (-p 1-20, rate
# 100000000: as fast as it goes) that is 65,532 x 20 = 1,310,640 SYNs. Reports the packets sent (the scan's
# summary line), kernel_packets and kernel_drops (the detect report's run line: the ring's PACKET_STATISTICS)
# and whether the detector found the scan from the scanner's address with tool fathom. Exit status 0 when the
# scan was detected as fathom with zero kernel drops, 1 when not, 2 on a setup error.
set -euo pipefail
export LC_ALL=C

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fathom="$here/fathom"
name=dlive
duration=20
ports=1-20
rate=100000000
threads=1   # --threads "$(nproc)" is the scanner's top rate (as in compare.sh)
keep=0

die() {
  echo "detect-live.sh: $*" >&2
  exit 2
}

while [ $# -gt 0 ]; do
  case "$1" in
    --name) name="${2:?--name needs a name}"; shift 2 ;;
    --name=*) name="${1#*=}"; shift ;;
    --duration) duration="${2:?--duration needs seconds}"; shift 2 ;;
    --duration=*) duration="${1#*=}"; shift ;;
    --ports) ports="${2:?--ports needs ports}"; shift 2 ;;
    --ports=*) ports="${1#*=}"; shift ;;
    --rate) rate="${2:?--rate needs packets per second}"; shift 2 ;;
    --threads) threads="${2:?--threads needs a number}"; shift 2 ;;
    --rate=*) rate="${1#*=}"; shift ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,17s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) die "unknown option '$1'" ;;
  esac
done
[ "$(id -u)" = 0 ] || die "needs root (network namespaces)"
[[ "$duration" =~ ^[0-9]+$ ]] && [ "$duration" -ge 5 ] || die "--duration must be a whole number of seconds >= 5"
command -v ip > /dev/null || die "needs ip (iproute2)"

work="$(mktemp -d "${TMPDIR:-/tmp}/fathom-detect-live.XXXXXX")"
detect_pid=""
lab_up=0

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  # Only the process this script started, by its pid.
  if [ -n "$detect_pid" ]; then kill -KILL "$detect_pid" 2> /dev/null || true; wait "$detect_pid" 2> /dev/null || true; fi
  if [ "$lab_up" = 1 ] && ! "$fathom" lab down --name "$name" > /dev/null 2>&1; then
    echo "detect-live.sh: could not remove the lab: run ./fathom lab down --name $name" >&2
  fi
  if [ "$keep" = 1 ]; then echo "detect-live.sh: results kept in $work" >&2; else rm -rf "$work"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"$fathom" detect --help > /dev/null || die "fathom does not build"   # builds on first use

echo "detect-live.sh: bringing up lab '$name'..." >&2
lab_up=1
"$fathom" lab up --name "$name" > "$work/lab-up.log" 2>&1 || { cat "$work/lab-up.log" >&2; die "lab up failed"; }
props="/run/fathom-lab/$name/lab.properties"
[ -r "$props" ] || die "no $props after lab up"
prop() { sed -n "s/^$1=//p" "$props" | sed 's/\\\(.\)/\1/g'; }
target_ns="$(prop targetNamespace)"
target_if="$(prop targetInterface)"
scan_ip="$(prop scannerIp)"
dark="$(prop darkPrefix)"
[ -n "$target_ns" ] && [ -n "$target_if" ] && [ -n "$scan_ip" ] && [ -n "$dark" ] || die "incomplete $props"
case "$dark" in 198.18.*|198.19.*) ;; *) die "the lab's dark prefix $dark is not inside 198.18.0.0/15" ;; esac
link="${scan_ip%.*}.$(( ${scan_ip##*.} & ~3 ))/30"   # the veth link, inside the dark prefix: never a target

packet_sockets() { ip netns exec "$target_ns" sh -c 'tail -n +2 /proc/net/packet | wc -l'; }
sockets_before="$(packet_sockets)"

report="$work/report.ndjson"
echo "detect-live.sh: starting fathom detect --live $target_if --duration $duration in $target_ns..." >&2
ip netns exec "$target_ns" "$fathom" detect --live "$target_if" --duration "$duration" -o "$report" \
  > "$work/detect.log" 2>&1 &
detect_pid=$!
ready=0
for _ in $(seq 1 200); do   # up to 20 s for the JVM to start and open its ring
  if ! kill -0 "$detect_pid" 2> /dev/null; then cat "$work/detect.log" >&2; die "fathom detect ended early"; fi
  if [ "$(packet_sockets)" -gt "$sockets_before" ]; then ready=1; break; fi
  sleep 0.1
done
[ "$ready" = 1 ] || die "fathom detect opened no AF_PACKET socket within 20 s"
sleep 0.5   # the ring is bound just after the socket is created

echo "detect-live.sh: scanning $dark (less $link) x ports $ports at --rate $rate from the scanner namespace..." >&2
scan_start=$EPOCHREALTIME
"$fathom" scan --lab --lab-name "$name" "$dark" --exclude "$link" -p "$ports" --rate "$rate" \
  --sender-threads "$threads" --cooldown 0 -q \
  -o /dev/null > "$work/scan.log" 2>&1 || { cat "$work/scan.log" >&2; die "the scan failed"; }
scan_end=$EPOCHREALTIME
summary="$(grep '^fathom: scan ' "$work/scan.log" | tail -1 || true)"
[ -n "$summary" ] || { cat "$work/scan.log" >&2; die "no summary line from the scan"; }
if ! kill -0 "$detect_pid" 2> /dev/null; then
  echo "detect-live.sh: warning: the detector stopped before the scan ended: raise --duration" >&2
fi

status=0
wait "$detect_pid" || status=$?
detect_pid=""
[ "$status" = 0 ] || { cat "$work/detect.log" >&2; die "fathom detect failed (exit status $status)"; }
[ -s "$report" ] || die "fathom detect wrote no report"

sent="$(sed -n 's/.*: sent \([0-9]*\) in \([0-9.]*\) s (\([0-9]*\) p\/s).*/\1/p' <<< "$summary")"
send_seconds="$(sed -n 's/.*: sent \([0-9]*\) in \([0-9.]*\) s (\([0-9]*\) p\/s).*/\2/p' <<< "$summary")"
send_rate="$(sed -n 's/.*: sent \([0-9]*\) in \([0-9.]*\) s (\([0-9]*\) p\/s).*/\3/p' <<< "$summary")"
scan_drops="$(sed -n 's/.*kernel drops \([0-9]*\).*/\1/p' <<< "$summary")"
run_line="$(grep '"kind":"run"' "$report" | head -1)"
kernel_packets="$(sed -n 's/.*"kernel_packets":\([0-9]*\).*/\1/p' <<< "$run_line")"
kernel_drops="$(sed -n 's/.*"kernel_drops":\([0-9]*\).*/\1/p' <<< "$run_line")"
frames="$(sed -n 's/.*"statistics":{"frames":\([0-9]*\).*/\1/p' <<< "$run_line")"
scan_line="$(grep '"kind":"scan"' "$report" | grep "\"src\":\"$scan_ip\"" | head -1 || true)"
field() { sed -n "s/.*\"$1\":\(\"[^\"]*\"\|[^,}]*\).*/\1/p" <<< "$scan_line" | tr -d '"'; }
scans_total="$(grep -c '"kind":"scan"' "$report" || true)"

echo
echo "scan:     $summary"
printf '%-34s %s\n' "packets sent (scan summary)" "${sent:-?} in ${send_seconds:-?} s (${send_rate:-?} p/s)"
printf '%-34s %s\n' "scan's own kernel drops" "${scan_drops:-?}"
printf '%-34s %s\n' "detect: kernel_packets" "${kernel_packets:-?}"
printf '%-34s %s\n' "detect: kernel_drops" "${kernel_drops:-?}"
printf '%-34s %s\n' "detect: frames processed" "${frames:-?}"
printf '%-34s %s\n' "scan command, wall time" "$(printf '%.2f s' "$(echo "$scan_end - $scan_start" | bc -l)")"
if [ -n "$scan_line" ]; then
  printf '%-34s %s\n' "detected" "yes: src $scan_ip, tool $(field tool) (confidence $(field confidence)), $(field targets) targets, $(field packets) packets, shape $(field shape), ports $(field ports_scope), $(field rate_pps) p/s"
else
  printf '%-34s %s\n' "detected" "no scan from $scan_ip ($scans_total scan records in all)"
fi
ok=1
[ -n "$scan_line" ] && [ "$(field tool)" = fathom ] || ok=0
[ "${kernel_drops:-1}" = 0 ] || ok=0
if [ "$ok" = 1 ]; then
  echo "result: detected as fathom, zero kernel drops at the lab's full scan rate"
else
  echo "result: NOT met (want: the scan detected with tool fathom and kernel_drops 0)"
  exit 1
fi
