#!/usr/bin/env bash
# fathom detect on a large synthetic capture from page cache, against tcpdump and tshark reading the same file.
#
#   bench/detect-bench.sh [PACKETS] [--dir DIR] [--cpu N | --no-pin] [--runs N] [--tshark-packets N]
#                         [--skip-tshark] [--skip-growth] [--keep-prefixes]
#
# PACKETS (default 50000000, about 3.6 GB) synthetic packets (bench/src/main/java/io/fathom/bench/
# SyntheticCapture.java: a few hundred tool-like scanners, backscatter, noise from about 1.9 million sources)
# are generated once into DIR (default bench/target/detect-bench) and kept there, one file per size; the
# generator refuses when the file system has less than twice the capture's size free. The file is read once
# to bring it into page cache (nothing is dropped from it), and again before each run (the kernel may have
# reclaimed some of it since), then each tool runs pinned to one core
# (taskset -c N, default 0):
#   fathom    fathom detect FILE -o /dev/null (JVM options: scripts/jvm-options, as the launcher's, and
#             FATHOM_JAVA_OPTS; GC logged to DIR), --runs times (default 3): the run with the median time is
#             reported, every run's time beside it
#   tcpdump   tcpdump -r FILE -w /dev/null   (reads and writes every record, no dissection)
#   tshark -q tshark -n -r FILE -q            (reads every record; with -q and no tap it dissects little)
#   tshark    tshark -n -r FILE -T fields -e frame.number > /dev/null, full dissection, on the first
#             --tshark-packets (default 2000000) packets: at about 0.1 M packets/s the whole file would take
#             many minutes
# packets/s is packets over wall seconds, JVM start-up and the report included. Peak RSS is /usr/bin/time's
# maximum resident set size; it counts the pages of the capture that fathom maps (file-backed, shared with
# page cache), so "anon" (the peak of RssAnon, sampled every 0.1 s) and the JVM's heap (largest heap after a
# collection, from -Xlog:gc) are printed too. Then "memory as the capture grows": fathom on prefixes of
# PACKETS/5 and PACKETS/2 packets (cut with head -c at whole records; the generator's stream is stationary,
# so a prefix is what a shorter run writes) and on the whole file. Needs root only to install what is
# missing (time, tcpdump, tshark).
set -euo pipefail
export LC_ALL=C

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
packets=50000000
dir="$here/bench/target/detect-bench"
cpu=0
pin=1
tshark_packets=2000000
runs=3
do_tshark=1
do_growth=1
keep_prefixes=0

die() {
  echo "detect-bench.sh: $*" >&2
  exit 2
}

while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir="${2:?--dir needs a folder}"; shift 2 ;;
    --dir=*) dir="${1#*=}"; shift ;;
    --cpu) cpu="${2:?--cpu needs a CPU number}"; shift 2 ;;
    --cpu=*) cpu="${1#*=}"; shift ;;
    --no-pin) pin=0; shift ;;
    --tshark-packets) tshark_packets="${2:?--tshark-packets needs a number}"; shift 2 ;;
    --tshark-packets=*) tshark_packets="${1#*=}"; shift ;;
    --skip-tshark) do_tshark=0; shift ;;
    --runs) runs="${2:?--runs needs a number}"; shift 2 ;;
    --runs=*) runs="${1#*=}"; shift ;;
    --skip-growth) do_growth=0; shift ;;
    --keep-prefixes) keep_prefixes=1; shift ;;
    -h|--help) sed -n '2,29s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
    -*) die "unknown option '$1'" ;;
    *) packets="${1//_/}"; shift ;;
  esac
done
[[ "$packets" =~ ^[0-9]+$ ]] && [ "$packets" -ge 1000000 ] || die "PACKETS must be a whole number >= 1000000"
[[ "$tshark_packets" =~ ^[0-9]+$ ]] && [ "$tshark_packets" -gt 0 ] || die "--tshark-packets must be positive"
[[ "$runs" =~ ^[0-9]+$ ]] && [ "$runs" -ge 1 ] || die "--runs must be a whole number >= 1"

# --- tools ---

JAVA_HOME="$("$here/scripts/java-home" 2> /dev/null)" \
  || { echo "detect-bench.sh: needs a JDK 25 or newer: set JAVA_HOME" >&2; exit 2; }
export JAVA_HOME

install_missing() { # command package
  command -v "$1" > /dev/null 2>&1 && return 0
  [ "$(id -u)" = 0 ] || { echo "detect-bench.sh: $1 is missing (apt-get install $2 as root)" >&2; return 1; }
  echo "detect-bench.sh: installing $2..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y "$2" > /dev/null 2>&1 \
    || { apt-get update > /dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y "$2" > /dev/null 2>&1; } \
    || { echo "detect-bench.sh: could not install $2" >&2; return 1; }
}
[ -x /usr/bin/time ] || install_missing /usr/bin/time time || die "needs /usr/bin/time"
[ -x /usr/bin/time ] || die "needs /usr/bin/time (GNU time)"
have_tcpdump=1; install_missing tcpdump tcpdump || have_tcpdump=0
have_tshark=0
if [ "$do_tshark" = 1 ]; then have_tshark=1; install_missing tshark tshark || have_tshark=0; fi
if [ "$pin" = 1 ]; then
  command -v taskset > /dev/null 2>&1 || die "needs taskset (util-linux), or --no-pin"
  pin_cmd=(taskset -c "$cpu")
else
  pin_cmd=()
fi

fathom_jar="$here/cli/target/fathom.jar"
bench_jar="$here/bench/target/benchmarks.jar"
"$here/fathom" detect --help > /dev/null   # builds on first use or when sources changed
generator="$here/bench/src/main/java/io/fathom/bench/SyntheticCapture.java"
if [ ! -f "$bench_jar" ] || [ "$generator" -nt "$bench_jar" ]; then
  echo "detect-bench.sh: building bench/target/benchmarks.jar..." >&2
  (cd "$here" && ./mvnw -q -B -DskipTests -pl bench -am install) >&2 \
    || die "build failed (run ./mvnw -B -DskipTests -pl bench -am install to see why)"
fi

mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/fathom-detect-bench.XXXXXX")"
prefixes=()
cleanup() {
  local p
  for p in ${prefixes[@]+"${prefixes[@]}"}; do [ "$keep_prefixes" = 1 ] || rm -f "$p"; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- the capture ---

capture="$dir/synthetic-$packets.pcap"
offsets="$capture.offsets"
if [ ! -s "$capture" ] || [ ! -s "$offsets" ] || [ "$generator" -nt "$capture" ]; then
  need=$((24 + packets * 76))
  avail=$(( $(df -Pk "$dir" | awk 'NR == 2 { print $4 }') * 1024 ))
  if [ "$avail" -lt $((2 * need)) ]; then
    echo "detect-bench.sh: refusing: $dir has $((avail / 1000000)) MB free, needs twice the capture's $((need / 1000000)) MB" >&2
    exit 1
  fi
  echo "detect-bench.sh: generating $packets packets into $capture..." >&2
  rm -f "$capture" "$offsets"
  "$JAVA_HOME/bin/java" -cp "$bench_jar" io.fathom.bench.SyntheticCapture "$dir" "$packets" >&2
fi
size=$(stat -c %s "$capture")
scanners=$(( $(wc -l < "$dir/synthetic-$packets.scanners.csv") - 1 ))
available_kb=$(awk '/^MemAvailable:/ { print $2 }' /proc/meminfo)
if [ $((size / 1024)) -gt "$available_kb" ]; then
  echo "detect-bench.sh: warning: the capture ($((size / 1000000)) MB) is larger than the memory available" \
    "($((available_kb / 1000)) MB): it will not stay in page cache, and the figures are the disk's" >&2
fi
t0=$EPOCHREALTIME
cat "$capture" > /dev/null
t1=$EPOCHREALTIME
printf 'capture  %s: %d packets, %d MB, %d scanning sources in its ground truth; read into page cache in %.1f s\n' \
  "$capture" "$packets" $((size / 1000000)) "$scanners" "$(echo "$t1 - $t0" | bc -l)"

# --- measuring ---

# measure NAME FILE COMMAND...: reads FILE (the capture COMMAND reads) into page cache again, then runs COMMAND
# pinned under /usr/bin/time -v, sampling RssAnon and RssFile of the process that time starts; sets m_seconds,
# m_rss_kb, m_anon_kb, m_file_kb; output to $work/NAME.{out,err}. The kernel may reclaim pages of a file not read
# for a while (proactive reclaim, e.g. DAMON, pages out cold memory even with plenty free), and a run that read
# some from disk would not measure what it says.
measure() {
  local name="$1" capture_file="$2"; shift 2
  local start end tpid cpid="" key value rest anon=0 file=0
  cat "$capture_file" > /dev/null
  start=$EPOCHREALTIME
  /usr/bin/time -v -o "$work/$name.time" ${pin_cmd[@]+"${pin_cmd[@]}"} "$@" > "$work/$name.out" 2> "$work/$name.err" &
  tpid=$!
  while kill -0 "$tpid" 2> /dev/null; do
    if [ -z "$cpid" ]; then cpid="$(pgrep -P "$tpid" 2> /dev/null | head -1 || true)"; fi
    if [ -n "$cpid" ] && [ -r "/proc/$cpid/status" ]; then
      while read -r key value rest; do
        case "$key" in
          RssAnon:) [ "$value" -gt "$anon" ] && anon="$value" ;;
          RssFile:) [ "$value" -gt "$file" ] && file="$value" ;;
        esac
      done < "/proc/$cpid/status" 2> /dev/null || true
    fi
    sleep 0.1
  done
  local status=0
  wait "$tpid" || status=$?
  end=$EPOCHREALTIME
  if [ "$status" != 0 ]; then
    echo "detect-bench.sh: $name failed (exit status $status):" >&2
    tail -5 "$work/$name.err" >&2
    return 1
  fi
  # Wall seconds from time's own clock (10 ms resolution; the sampling loop above adds up to 0.1 s).
  m_seconds="$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0
    for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$work/$name.time")"
  [ -n "$m_seconds" ] || m_seconds="$(echo "$end - $start" | bc -l)"
  m_cpu="$(awk -F': ' '/User time|System time/ { s += $2 } END { print s + 0 }' "$work/$name.time")"
  m_rss_kb="$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/$name.time")"
  m_anon_kb="$anon"
  m_file_kb="$file"
}

# heap_after_gc LOG: in MB, the largest heap in use after any collection (young collections leave the old
# generation's garbage, so an upper bound of the live data; "-" when there was none), the largest after a full
# collection (the live data then; "-" without one) and the largest heap committed (at least the initial heap).
heap_after_gc() {
  { sed -n 's/.*Heap Initial Capacity: \([0-9]*\)M.*/Initial 0 \1/p' "$1"
    sed -n 's/.*Pause \([A-Za-z]*\).* \([0-9]*\)M->\([0-9]*\)M(\([0-9]*\)M).*/\1 \3 \4/p' "$1"; } \
    | awk 'BEGIN { a = -1; f = -1; c = 0 }
           { if ($1 != "Initial" && $2 > a) a = $2; if ($1 == "Full" && $2 > f) f = $2; if ($3 > c) c = $3 }
           END { printf "%s %s %d\n", (a < 0 ? "-" : a), (f < 0 ? "-" : f), c }'
}

# heap_note AFTER_GC AFTER_FULL_GC COMMITTED: the heap figures for the table's notes.
heap_note() {
  if [ "$1" = "-" ]; then
    echo "no collection, heap committed $3 MB"
  else
    echo "heap after GC <= $1 MB, after full GC $2 MB, committed $3 MB"
  fi
}

run_fathom() { # name file packets: sets f_* for the table
  local name="$1" file="$2" n="$3"
  # shellcheck disable=SC2046,SC2086  # lists of options, as in the launcher
  measure "$name" "$file" "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED $("$here/scripts/jvm-options") \
    ${FATHOM_JAVA_OPTS:-} \
    "-Xlog:gc,gc+init:file=$dir/gc-$name.log" -jar "$fathom_jar" detect "$file" -o /dev/null
  read -r f_heap f_full f_committed < <(heap_after_gc "$dir/gc-$name.log")
  f_summary="$(grep '^fathom: .* scans' "$work/$name.err" | tail -1 || true)"
}

rows=()
row() { # tool packets seconds cpu_seconds rss_kb note
  rows+=("$(printf '%s|%s|%s|%s|%s|%s' "$1" "$2" "$3" "$4" "$5" "$6")")
}

# fathom runs --runs times on the whole capture; the run with the median time stands in the table (runs on a
# shared machine vary by a fifth and more; tcpdump's, which touch little memory, much less).
run_lines=()
for ((r = 1; r <= runs; r++)); do
  echo "running: fathom detect, run $r of $runs (${pin_cmd[*]:-unpinned})..." >&2
  run_fathom "fathom-$packets" "$capture" "$packets"
  run_lines+=("$m_seconds $m_cpu $m_rss_kb $m_anon_kb $m_file_kb $f_heap $f_full $f_committed")
  echo "         $m_seconds s; $f_summary (ground truth: $scanners scanning sources)" >&2
done
all_seconds="$(printf '%s\n' "${run_lines[@]}" | awk '{ print $1 }' | sort -n | paste -sd ' ' -)"
read -r m_seconds m_cpu m_rss_kb m_anon_kb m_file_kb f_heap f_full f_committed \
  < <(printf '%s\n' "${run_lines[@]}" | sort -n -k1,1 | sed -n "$(( (runs + 1) / 2 ))p")
fathom_pps="$(echo "$packets / $m_seconds" | bc -l)"
row "fathom detect" "$packets" "$m_seconds" "$m_cpu" "$m_rss_kb" "median of $runs runs ($all_seconds s); anon $((m_anon_kb / 1024)) MB; $(heap_note "$f_heap" "$f_full" "$f_committed")"
full_seconds="$m_seconds"; full_rss="$m_rss_kb"; full_anon="$m_anon_kb"; full_file="$m_file_kb"
full_heap="$f_heap"; full_full="$f_full"; full_committed="$f_committed"

if [ "$have_tcpdump" = 1 ]; then
  echo "running: tcpdump..." >&2
  # -Z root: keep tcpdump from dropping privileges, which would stop it from opening /dev/null as root's
  if [ "$(id -u)" = 0 ]; then zflag=(-Z root); else zflag=(); fi
  measure tcpdump "$capture" tcpdump ${zflag[@]+"${zflag[@]}"} -r "$capture" -w /dev/null
  row "tcpdump -r -w /dev/null" "$packets" "$m_seconds" "$m_cpu" "$m_rss_kb" "no dissection"
fi
if [ "$have_tshark" = 1 ]; then
  echo "running: tshark -q..." >&2
  measure tshark-q "$capture" tshark -n -r "$capture" -q
  row "tshark -q" "$packets" "$m_seconds" "$m_cpu" "$m_rss_kb" "no tap: little dissection"
  n=$((tshark_packets < packets ? tshark_packets : packets))
  echo "running: tshark -T fields on the first $n packets..." >&2
  measure tshark-fields "$capture" tshark -n -r "$capture" -c "$n" -T fields -e frame.number
  row "tshark -T fields" "$n" "$m_seconds" "$m_cpu" "$m_rss_kb" "full dissection; first $n packets"
fi

echo
printf '%-24s %11s %9s %12s %9s %10s %9s  %s\n' tool packets seconds packets/s "CPU s" "peak RSS" "fathom/x" notes
for r in "${rows[@]}"; do
  IFS='|' read -r tool n seconds cpu_s rss note <<< "$r"
  pps="$(echo "$n / $seconds" | bc -l)"
  printf '%-24s %11d %9.2f %12.0f %9.2f %7d MB %8.2fx  %s\n' "$tool" "$n" "$seconds" "$pps" "$cpu_s" \
    $((rss / 1024)) "$(echo "$fathom_pps / $pps" | bc -l)" "$note"
done
goal=5000000
if [ "$(echo "$fathom_pps >= $goal" | bc -l)" = 1 ]; then verdict="met"; else verdict="NOT met"; fi
printf '\nfathom detect: %.2f M packets/s on %s from page cache; goal >= %.1f M packets/s: %s\n' \
  "$(echo "$fathom_pps / 1000000" | bc -l)" "$([ "$pin" = 1 ] && echo "CPU $cpu" || echo "all CPUs")" \
  "$(echo "$goal / 1000000" | bc -l)" "$verdict"
echo "fathom/x: fathom's packets/s over the tool's (below 1: the tool is faster)"

# --- memory as the capture grows ---

if [ "$do_growth" = 1 ]; then
  echo
  echo "memory as the capture grows (fathom detect, prefixes of the same capture):"
  printf '%11s %9s %12s %10s %10s %10s %14s %14s %14s\n' packets seconds packets/s "peak RSS" anon file \
    "heap after GC" "after full GC" "heap committed"
  for fraction in 5 2 1; do
    # The largest recorded offset (one per million packets) at or below PACKETS/fraction.
    n="$(awk -v t=$((packets / fraction)) '$1 <= t && $1 > best { best = $1 } END { print best + 0 }' "$offsets")"
    if [ "$fraction" != 1 ] && [ "$n" = 0 ]; then continue; fi
    if [ "$fraction" = 1 ]; then
      n="$packets"; seconds="$full_seconds"; rss="$full_rss"; anon="$full_anon"; file="$full_file"
      heap="$full_heap"; full="$full_full"; committed="$full_committed"
    else
      bytes="$(awk -v n="$n" '$1 == n { print $2 }' "$offsets")"
      [ -n "$bytes" ] || die "no offset for $n packets in $offsets"
      prefix="$dir/synthetic-$packets.first-$n.pcap"
      prefixes+=("$prefix")
      if [ "$(stat -c %s "$prefix" 2> /dev/null || echo 0)" != "$bytes" ]; then
        head -c "$bytes" "$capture" > "$prefix"
      fi
      cat "$prefix" > /dev/null
      echo "running: fathom detect on the first $n packets..." >&2
      run_fathom "fathom-$packets-first-$n" "$prefix" "$n"
      seconds="$m_seconds"; rss="$m_rss_kb"; anon="$m_anon_kb"; file="$m_file_kb"
      heap="$f_heap"; full="$f_full"; committed="$f_committed"
    fi
    printf '%11d %9.2f %12.0f %7d MB %7d MB %7d MB %11s MB %11s MB %11d MB\n' "$n" "$seconds" \
      "$(echo "$n / $seconds" | bc -l)" $((rss / 1024)) $((anon / 1024)) $((file / 1024)) "$heap" "$full" \
      "$committed"
  done
  echo "peak RSS = anon (heap and native memory) + file (the mapped capture's pages, reclaimable page cache);"
  echo "the data that stays live is the heap after a full GC; the rest is how far the JVM lets its heap grow"
  echo "(by default a quarter of the memory: cap it with FATHOM_JAVA_OPTS=-Xmx...)"
fi
echo
echo "GC logs: $dir/gc-fathom-*.log; JVM options: $("$here/scripts/jvm-options" | tr '\n' ' ')${FATHOM_JAVA_OPTS:-}"
