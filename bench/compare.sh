#!/usr/bin/env bash
# Fathom against masscan and ZMap, each at its top rate, in a lab of network namespaces (needs root).
#
#   bench/compare.sh [--runs N] [--skip-send-only] [--skip-full] [--name NAME] [--interval SECS] [--keep]
#
# Brings up a fresh lab (removed again on exit, also on failure or Ctrl-C) and times, for each tool:
#   send-only  the dark 198.19.0.0/16 less the lab link /30 x 20 ports: 1,310,640 SYNs into a prefix that
#              answers nothing (ZMap 2.1.1 scans one port per run, so it sends 20 probes to one port: -P 20);
#   full       the live 198.18.0.0/16 x the lab's 24 ports ($LAB_PORTS), scored against the ground truth (ZMap: one
#              run per port, its rate taken over its sending windows together).
# Every rate comes from the scanner interface's tx_packets counter, read inside the scanner namespace by a bash
# loop of builtins (no fork per sample), between the first and the last packet: the same for every tool.
# See bench/README.md for how to read the table.
set -euo pipefail
export LC_ALL=C

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fathom="$here/fathom"

runs=1
name=bench
interval=0.01
do_send=1
do_full=1
keep=0

DARK_PORTS=1000-1019   # 20 ports
# 24 live ports: a full scan of 1,572,864 probes lasts long enough (about a second at top rate) for the counter
# to measure a rate rather than a start-up.
LAB_PORTS=21,22,23,25,53,80,110,111,135,139,143,443,445,993,995,1723,3306,3389,5900,8080,8443,8888,9100,27017
DARK_PORT_COUNT=20
ZMAP_DARK_PORT=1000
TOP_RATE=100000000     # "as fast as it goes" for Fathom and masscan; ZMap's is -r 0 (no pacing)
# Each tool at its best: Fathom and ZMap send from one thread per core (--sender-threads / -T); masscan 1.3.2
# has a single transmit thread.
THREADS="$(nproc)"
IDLE_STOP_MS=2000      # masscan lingers after its last packet: stop it once its counter is still this long
TOOL_TIMEOUT_S=300     # a tool that runs longer than this is killed and its run counted as failed

usage() {
  sed -n '2,14s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
  cat <<'EOF'

Options:
  --runs N          repeat every measurement N times and report the median (default 1)
  --skip-send-only  leave out the send-only phase
  --skip-full       leave out the full scan phase
  --name NAME       lab name (default bench); a lab of that name is replaced and removed at the end
  --interval SECS   counter sampling interval (default 0.01)
  --keep            keep the working folder (samples, logs, results) and print its path
EOF
}

die() {
  echo "compare.sh: $*" >&2
  exit 2
}

while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="${2:?--runs needs a number}"; shift 2 ;;
    --runs=*) runs="${1#*=}"; shift ;;
    --skip-send-only) do_send=0; shift ;;
    --skip-full) do_full=0; shift ;;
    --name) name="${2:?--name needs a name}"; shift 2 ;;
    --name=*) name="${1#*=}"; shift ;;
    --interval) interval="${2:?--interval needs seconds}"; shift 2 ;;
    --interval=*) interval="${1#*=}"; shift ;;
    --keep) keep=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option '$1'" ;;
  esac
done
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive number, not '$runs'"
[[ "$interval" =~ ^0?\.[0-9]+$|^[1-9][0-9]*(\.[0-9]+)?$ ]] || die "--interval must be seconds, e.g. 0.02"
[ "$do_send" = 1 ] || [ "$do_full" = 1 ] || die "--skip-send-only and --skip-full leave nothing to do"
[ "$(id -u)" -eq 0 ] || die "the lab needs root (run as root or with sudo)"

# masscan and ZMap from Debian's packages; installed when missing and apt-get is at hand.
missing=()
for tool in masscan zmap; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ] && command -v apt-get >/dev/null; then
  echo "compare.sh: installing ${missing[*]} (apt-get)" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } >/dev/null 2>&1 || true
  missing=()
  for tool in masscan zmap; do command -v "$tool" >/dev/null || missing+=("$tool"); done
fi
[ ${#missing[@]} -eq 0 ] || die "missing ${missing[*]}: install the Debian package(s) ${missing[*]}"

work="$(mktemp -d "${TMPDIR:-/tmp}/fathom-compare.XXXXXX")"
tool_pid=""
sampler_pid=""
lab_up=0

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  # Only the processes this script started, by their pids. TERM first: `fathom scan --lab` passes it on to the scan
  # it runs in the namespace, which a KILL would leave running.
  local pid i alive
  for pid in $tool_pid $sampler_pid; do kill -TERM "$pid" 2>/dev/null || true; done
  for (( i = 0; i < 30; i++ )); do
    alive=0
    for pid in $tool_pid $sampler_pid; do if kill -0 "$pid" 2>/dev/null; then alive=1; fi; done
    [ "$alive" = 1 ] || break
    sleep 0.1
  done
  for pid in $tool_pid $sampler_pid; do kill -KILL "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ "$lab_up" = 1 ] && ! "$fathom" lab down --name "$name" >/dev/null 2>&1; then
    echo "compare.sh: could not remove the lab: run ./fathom lab down --name $name" >&2
  fi
  if [ "$keep" = 1 ]; then echo "compare.sh: results kept in $work" >&2; else rm -rf "$work"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

now_us() { echo "${EPOCHREALTIME/./}"; }

# --- the lab -------------------------------------------------------------------------------------------------

echo "compare.sh: bringing up lab '$name' (builds Fathom on first use)..." >&2
lab_up=1
"$fathom" lab up --name "$name" --seed 1 --ports "$LAB_PORTS" >"$work/lab-up.log" 2>&1 \
  || { cat "$work/lab-up.log" >&2; die "lab up failed"; }
props="/run/fathom-lab/$name/lab.properties"
[ -r "$props" ] || die "no $props after lab up"
prop() { sed -n "s/^$1=//p" "$props" | sed 's/\\\(.\)/\1/g'; }
scan_ns="$(prop scannerNamespace)"
target_ns="$(prop targetNamespace)"
scan_if="$(prop scannerInterface)"
scan_ip="$(prop scannerIp)"
gw_mac="$(prop gatewayMac)"
live="$(prop livePrefix)"
dark="$(prop darkPrefix)"
ports="$(prop ports)"
link="${scan_ip%.*}.$(( ${scan_ip##*.} & ~3 ))/30"   # the veth link, inside the dark prefix: never a target
dark_targets=$(( (1 << (32 - ${dark#*/})) - 4 ))
send_expected=$(( dark_targets * DARK_PORT_COUNT ))
IFS=, read -r -a port_list <<<"$ports"
# ZMap's own blocklist holds 198.18.0.0/15; this one holds only the link.
blocklist="$work/zmap-blocklist.conf"
echo "$link" >"$blocklist"

# --- counter sampling ----------------------------------------------------------------------------------------

# Samples "EPOCHREALTIME tx_packets" into $1 until $work/stop exists. Runs in the scanner namespace (where
# /sys/class/net shows its interfaces) and uses builtins only: the read -t on a pipe that never delivers is the
# sleep.
sampler_start() {
  rm -f "$work/stop"
  ip netns exec "$scan_ns" bash -c '
    counter="/sys/class/net/$1/statistics/tx_packets"
    exec {never}<> <(:)
    while [[ ! -e $2 ]]; do
      read -r value <"$counter"
      printf "%s %s\n" "$EPOCHREALTIME" "$value"
      read -r -t "$3" -u "$never" _ || :
    done
    read -r value <"$counter"
    printf "%s %s\n" "$EPOCHREALTIME" "$value"' sampler "$scan_if" "$work/stop" "$interval" >"$1" &
  sampler_pid=$!
  until [ -s "$1" ]; do
    kill -0 "$sampler_pid" 2>/dev/null || die "the counter sampler did not start"
    sleep 0.01
  done
}

sampler_stop() {
  : >"$work/stop"
  wait "$sampler_pid" || true
  sampler_pid=""
}

# Prints "packets seconds packets/s" from a samples file. The rate is taken between the first and the last sample
# that lie strictly inside the sending window (the counter has moved, and will move again), so neither end's
# sampling delay enters it; seconds = packets / rate is then the time from first to last packet, extrapolated.
rate_of() {
  awk '{ t[NR] = $1; v[NR] = $2 }
    END {
      base = v[1]; last = v[NR]; n = last - base
      if (n <= 0) { print 0, 0, 0; exit }
      for (i = 1; i <= NR; i++) if (v[i] > base) { b = i; break }
      for (i = NR; i >= 1; i--) if (v[i] < last) { c = i; break }
      if (c > b) r = (v[c] - v[b]) / (t[c] - t[b]); else r = n / (t[c + 1] - t[b - 1])
      printf "%.0f %.4f %.0f\n", n, n / r, r
    }' "$1"
}

# masscan 1.3.2 does not end by itself here: after its wait it sets a flag for its receive thread, which sits in
# a blocking read while the lab is quiet. So, once its counter has stood still: SIGINT (stop sending), SIGINT
# again (stop receiving), then one datagram from the target side now and then to wake the receive thread, which
# then ends and masscan writes its output file completely. SIGKILL only if all of that fails.
stop_masscan() { # PID
  local pid="$1" i
  kill -INT "$pid" 2>/dev/null || return 0
  sleep 0.2
  kill -INT "$pid" 2>/dev/null || return 0
  for (( i = 0; i < 20; i++ )); do
    kill -0 "$pid" 2>/dev/null || return 0
    ip netns exec "$target_ns" bash -c 'echo wake >"/dev/udp/$1/9"' wake "$scan_ip" 2>/dev/null || true
    sleep 0.5
  done
  echo "compare.sh: masscan did not stop: killed (its output file may lack its last lines)" >&2
  kill -KILL "$pid" 2>/dev/null || true
}

# measure LABEL STOP_WHEN_STILL COMMAND...: runs COMMAND (output to LABEL.log) while sampling the counter into
# LABEL.samples. With STOP_WHEN_STILL=1 (masscan) sampling ends once the counter has moved and then stood still for
# IDLE_STOP_MS, and the command is then stopped (stop_masscan). Returns the command's status, 0 after such a stop.
measure() {
  local label="$1" stop_when_still="$2"
  shift 2
  local samples="$work/$label.samples" log="$work/$label.log"
  sampler_start "$samples"
  (cd "$work" && exec "$@") >"$log" 2>&1 &
  tool_pid=$!
  local start t base value last_value="" still_since=0 stopped=0 status=0
  start="$(now_us)"
  read -r _ base <"$samples"
  while kill -0 "$tool_pid" 2>/dev/null; do
    sleep 0.1
    t="$(now_us)"
    if [ $(( t - start )) -gt $(( TOOL_TIMEOUT_S * 1000000 )) ]; then
      echo "compare.sh: $label ran over ${TOOL_TIMEOUT_S} s: killed" >&2
      kill -KILL "$tool_pid" 2>/dev/null || true
      break
    fi
    [ "$stop_when_still" = 1 ] || continue
    value="$(tail -n 1 "$samples" | cut -d' ' -f2)"
    [ -n "$value" ] && [ "$value" -gt "$base" ] || continue
    if [ "$value" != "$last_value" ]; then
      last_value="$value"
      still_since="$t"
    elif [ $(( t - still_since )) -ge $(( IDLE_STOP_MS * 1000 )) ]; then
      sampler_stop
      stop_masscan "$tool_pid"
      stopped=1
      break
    fi
  done
  wait "$tool_pid" || status=$?
  tool_pid=""
  if [ "$stopped" = 0 ]; then sampler_stop; fi
  if [ "$stopped" = 1 ]; then status=0; fi
  return "$status"
}

# --- results -------------------------------------------------------------------------------------------------

results="$work/results.txt"   # phase tool run packets seconds rate recall precision
: >"$results"

record() { echo "$*" >>"$results"; }

fail() { # LABEL: why a run failed, with the end of its log
  echo "compare.sh: $1 failed; the end of its log:" >&2
  tail -n 5 "$work/$1.log" | sed 's/^/    /' >&2
}

score() { # FILE... -> "recall precision"
  "$fathom" lab score --name "$name" --quiet "$@" 2>>"$work/score.log" || echo "- -"
}

tools_in_order() { # rotates the order from run to run, so that no tool always goes first
  local all=(fathom masscan zmap) r=$(( $1 % 3 ))
  echo "${all[@]:r}" "${all[@]:0:r}"
}

report_run() { # PHASE TOOL RUN PACKETS SECONDS RATE [RECALL]
  printf 'compare.sh: run %s %-9s %-7s %9s packets in %7s s = %9s packets/s%s\n' "$3" "$1" "$2" "$4" "$5" "$6" \
    "${7:+, recall $(fraction "$7")}" >&2
}

send_only() { # RUN
  local r="$1" tool label m
  for tool in $(tools_in_order "$r"); do
    label="send-$tool-$r"
    case "$tool" in
      fathom)
        measure "$label" 0 "$fathom" scan --lab --lab-name "$name" "$dark" --exclude "$link" -p "$DARK_PORTS" \
          --rate "$TOP_RATE" --sender-threads "$THREADS" --cooldown 0 -o /dev/null --metadata "$work/$label.json" -q ;;
      masscan)
        measure "$label" 1 ip netns exec "$scan_ns" masscan "$dark" --exclude "$link" -p "$DARK_PORTS" \
          --rate "$TOP_RATE" --interface "$scan_if" --router-mac "$gw_mac" --source-ip "$scan_ip" --wait 0 ;;
      zmap)
        measure "$label" 0 ip netns exec "$scan_ns" zmap -p "$ZMAP_DARK_PORT" -P "$DARK_PORT_COUNT" \
          -i "$scan_if" -G "$gw_mac" -S "$scan_ip" -b "$blocklist" -r 0 -T "$THREADS" -c 0 -q --disable-syslog \
          -o /dev/null "$dark" ;;
    esac || { fail "$label"; continue; }
    m="$(rate_of "$work/$label.samples")"
    set -- $m
    if [ "$1" -eq 0 ]; then fail "$label"; continue; fi
    record send-only "$tool" "$r" "$1" "$2" "$3" - -
    report_run send-only "$tool" "$r" "$1" "$2" "$3"
    sleep 1
  done
}

full_scan() { # RUN
  local r="$1" tool label m recall_precision
  for tool in $(tools_in_order "$r"); do
    label="full-$tool-$r"
    case "$tool" in
      fathom)
        measure "$label" 0 "$fathom" scan --lab --lab-name "$name" "$live" -p "$ports" --rate "$TOP_RATE" \
          --sender-threads "$THREADS" --cooldown 2 -o "$work/$label.ndjson" --metadata "$work/$label.json" -q || { fail "$label"; continue; }
        m="$(rate_of "$work/$label.samples")"
        recall_precision="$(score "$work/$label.ndjson")" ;;
      masscan)
        measure "$label" 1 ip netns exec "$scan_ns" masscan "$live" -p "$ports" --rate "$TOP_RATE" \
          --interface "$scan_if" --router-mac "$gw_mac" --source-ip "$scan_ip" --wait 0 \
          -oL "$work/$label.txt" || { fail "$label"; continue; }
        m="$(rate_of "$work/$label.samples")"
        recall_precision="$(score "$work/$label.txt")" ;;
      zmap)
        # One run per port; packets and seconds add up over the runs, the rate is their quotient. With its own
        # field list ZMap writes every reply, RSTs included, unless the default filter is given again.
        local port p s files=() total=0 seconds=0 ok=1
        for port in "${port_list[@]}"; do
          measure "$label-$port" 0 ip netns exec "$scan_ns" zmap -p "$port" -i "$scan_if" -G "$gw_mac" \
            -S "$scan_ip" -b "$blocklist" -r 0 -T "$THREADS" -c 2 -q --disable-syslog -O csv -f saddr,sport \
            --output-filter="success = 1 && repeat = 0" -o "$work/$label-$port.csv" "$live" || { fail "$label-$port"; ok=0; break; }
          read -r p s _ < <(rate_of "$work/$label-$port.samples")
          total=$(( total + p ))
          seconds="$(awk -v a="$seconds" -v b="$s" 'BEGIN { printf "%.4f", a + b }')"
          files+=("$work/$label-$port.csv")
        done
        [ "$ok" = 1 ] || continue
        m="$total $seconds $(awk -v n="$total" -v s="$seconds" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')"
        recall_precision="$(score "${files[@]}")" ;;
    esac
    set -- $m $recall_precision
    if [ "$1" -eq 0 ]; then fail "$label"; continue; fi
    record full "$tool" "$r" "$@"
    report_run full "$tool" "$r" "$1" "$2" "$3" "$4"
    sleep 1
  done
}

fraction() { # a recall or precision with four decimals, or "-"
  if [ "$1" = - ]; then echo -; else printf '%.4f' "$1"; fi
}

median() { # numbers on stdin, one per line -> their median ("-" when there are none)
  sort -g | awk '{ a[NR] = $1 } END {
    if (NR == 0) print "-"; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

column_median() { # PHASE TOOL COLUMN
  awk -v p="$1" -v t="$2" -v c="$3" '$1 == p && $2 == t && $c != "-" { print $c }' "$results" | median
}

print_table() {
  local phase tool packets seconds rate recall precision
  echo
  printf 'Fathom %s, masscan %s, ZMap %s; %s CPUs, Linux %s; %s run(s), medians\n' \
    "$("$fathom" --version 2>/dev/null | head -n 1 | awk '{ print $2 }')" \
    "$(masscan --version 2>/dev/null | awk '/version/ { print $3; exit }')" \
    "$(zmap --version 2>/dev/null | awk '{ print $2 }')" "$(nproc)" "$(uname -r)" "$runs"
  printf '%-10s %-8s %10s %9s %12s %9s %10s\n' phase tool packets seconds packets/s recall precision
  for phase in send-only full; do
    { [ "$phase" = send-only ] && [ "$do_send" = 0 ]; } && continue
    { [ "$phase" = full ] && [ "$do_full" = 0 ]; } && continue
    for tool in fathom masscan zmap; do
      packets="$(column_median "$phase" "$tool" 4)"
      seconds="$(column_median "$phase" "$tool" 5)"
      rate="$(column_median "$phase" "$tool" 6)"
      recall="$(column_median "$phase" "$tool" 7)"
      precision="$(column_median "$phase" "$tool" 8)"
      if [ "$rate" = - ]; then
        printf '%-10s %-8s %10s %9s %12s %9s %10s\n' "$phase" "$tool" failed - - - -
        continue
      fi
      printf '%-10s %-8s %10.0f %9.3f %12.0f %9s %10s\n' "$phase" "$tool" "$packets" "$seconds" "$rate" \
        "$(fraction "$recall")" "$(fraction "$precision")"
    done
  done
  echo
  printf '%-10s %15s %13s\n' phase fathom/masscan fathom/zmap
  for phase in send-only full; do
    { [ "$phase" = send-only ] && [ "$do_send" = 0 ]; } && continue
    { [ "$phase" = full ] && [ "$do_full" = 0 ]; } && continue
    awk -v p="$phase" -v f="$(column_median "$phase" fathom 6)" -v m="$(column_median "$phase" masscan 6)" \
      -v z="$(column_median "$phase" zmap 6)" 'function ratio(a, b) { return (a == "-" || b == "-" || b == 0) ? "-" : sprintf("%.2f", a / b) }
      BEGIN { printf "%-10s %15s %13s\n", p, ratio(f, m), ratio(f, z) }'
  done
  if [ "$do_send" = 1 ]; then
    echo
    echo "send-only: every tool should send $send_expected packets ($dark less $link = $dark_targets addresses x $DARK_PORT_COUNT)."
  fi
  if [ "$do_full" = 1 ]; then
    echo "full: $live x $ports = $(( (1 << (32 - ${live#*/})) * ${#port_list[@]} )) probes; the counter also counts the"
    echo "      scanner's RSTs to SYN-ACKs (the kernel's for every tool, and masscan's own)."
  fi
}

for (( r = 1; r <= runs; r++ )); do
  if [ "$do_send" = 1 ]; then send_only "$r"; fi
  if [ "$do_full" = 1 ]; then full_scan "$r"; fi
done
print_table
