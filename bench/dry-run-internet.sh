#!/usr/bin/env bash
# The generator over the whole IPv4 space, with no packet sent: heap and speed of an Internet-wide scan.
#
#   bench/dry-run-internet.sh [--max-runtime SECS] [--rate PPS] [--heap SIZE] [--keep] [-- MORE SCAN OPTIONS]
#
# Runs `fathom scan 0.0.0.0/0 -p 80 --internet-wide --dry-run -q --rate 100000000` in a JVM limited to --heap
# (default 256m) with GC logging. A dry run builds every frame exactly as for real and only counts it; the rate
# ceiling is lifted so that the generator runs flat out. Prints the targets generated, the seconds spent sending
# (Fathom's own clock, first to last frame), targets/s and the peak heap in use: the largest of the heap before
# each collection and the heap at exit, from the GC log. 0.0.0.0/0 less the special-purpose blocks is about
# 3.7 billion targets, so a whole run takes minutes; --max-runtime SECS (passed to fathom scan) bounds it.
# Options after -- go to fathom scan as they are, e.g. `-- --order blackrock` (the scan runs in a temporary
# folder: give file paths absolute).
set -euo pipefail
export LC_ALL=C

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
heap=256m
rate=100000000
keep=0
scan_options=()

die() {
  echo "dry-run-internet.sh: $*" >&2
  exit 2
}

while [ $# -gt 0 ]; do
  case "$1" in
    --max-runtime) scan_options+=(--max-runtime "${2:?--max-runtime needs seconds}"); shift 2 ;;
    --max-runtime=*) scan_options+=(--max-runtime "${1#*=}"); shift ;;
    --rate) rate="${2:?--rate needs packets per second}"; shift 2 ;;
    --rate=*) rate="${1#*=}"; shift ;;
    --heap) heap="${2:?--heap needs a size, e.g. 256m}"; shift 2 ;;
    --heap=*) heap="${1#*=}"; shift ;;
    --keep) keep=1; shift ;;
    --) shift; scan_options+=("$@"); break ;;
    -h|--help) sed -n '2,14s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) die "unknown option '$1' (scan options go after --)" ;;
  esac
done
[[ "$heap" =~ ^[0-9]+[kKmMgG]?$ ]] || die "--heap must be a JVM size such as 256m, not '$heap'"

work="$(mktemp -d "${TMPDIR:-/tmp}/fathom-dry-run.XXXXXX")"
[[ "$work" != *[[:space:]:]* ]] || die "the temporary folder '$work' holds a space or colon: set TMPDIR"
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ "$keep" = 1 ]; then echo "dry-run-internet.sh: files kept in $work" >&2; else rm -rf "$work"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

gc_log="$work/gc.log"
metadata="$work/metadata.json"
# gc: one line per collection with the heap before and after; gc+exit: the heap in use when the JVM ends.
export FATHOM_JAVA_OPTS="${FATHOM_JAVA_OPTS:+$FATHOM_JAVA_OPTS }-Xmx$heap -Xlog:gc,gc+exit:file=$gc_log"
echo "dry-run-internet.sh: fathom scan 0.0.0.0/0 -p 80 --internet-wide --dry-run -q --rate $rate ${scan_options[*]}" \
  "(FATHOM_JAVA_OPTS=$FATHOM_JAVA_OPTS)" >&2
start="${EPOCHREALTIME/./}"
status=0
# From the working folder: a scan stopped by --max-runtime leaves its resume file in the current folder.
(cd "$work" && exec "$here/fathom" scan 0.0.0.0/0 -p 80 --internet-wide --dry-run -q -o /dev/null \
  --rate "$rate" --metadata "$metadata" ${scan_options[@]+"${scan_options[@]}"}) 2>"$work/scan.err" || status=$?
end="${EPOCHREALTIME/./}"
# A stopped scan names its resume file, which goes with the temporary folder unless --keep.
if [ "$keep" = 1 ]; then cat "$work/scan.err" >&2; else grep -v 'resume with' "$work/scan.err" >&2 || true; fi
# 130 is a scan stopped before the end (--max-runtime): its figures still count.
if [ "$status" -ne 0 ] && [ "$status" -ne 130 ]; then die "fathom scan failed (exit $status)"; fi
[ -s "$metadata" ] || die "fathom wrote no metadata"

json_number() { # KEY: the first number stored under "KEY" in the metadata
  tr -d '\n' <"$metadata" | grep -o "\"$1\" *: *[0-9.eE+-]*" | head -n 1 | sed 's/.*: *//'
}
targets="$(json_number targets_done)"
sent="$(json_number sent)"
seconds="$(json_number send_seconds)"
complete="$(tr -d '\n' <"$metadata" | grep -o '"complete" *: *[a-z]*' | head -n 1 | sed 's/.*: *//')"

# Collections read "... Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(256M) 1.234ms"; the exit report
# "... garbage-first heap   total reserved 6172672K, committed 262144K, used 19946K [...".
peak_mib="$(awk '
  function mib(text,   n, unit) {
    n = text + 0; unit = substr(text, length(text), 1)
    if (unit == "K") return n / 1024; if (unit == "G") return n * 1024; if (unit == "B") return n / 1048576
    return n
  }
  {
    if (match($0, /[0-9]+[BKMG]->[0-9]+[BKMG]\(/)) {
      split(substr($0, RSTART, RLENGTH), part, "->")
      if (mib(part[1]) > peak) peak = mib(part[1])
    }
    if ($0 ~ /heap/ && match($0, /used [0-9]+[BKMG]/)) {
      used = mib(substr($0, RSTART + 5, RLENGTH - 5))
      if (used > peak) peak = used
    }
  }
  END { printf "%.1f", peak }' "$gc_log")"
collections="$(grep -c 'Pause' "$gc_log" || true)"

echo
printf '%-14s %9s %12s %10s %14s %13s\n' targets seconds targets/s wall-s peak-heap-MiB collections
awk -v n="$targets" -v s="$seconds" -v w="$(( end - start ))" -v h="$peak_mib" -v c="$collections" \
  'BEGIN { printf "%-14.0f %9.2f %12.0f %10.2f %14s %13s\n", n, s, (s > 0 ? n / s : 0), w / 1e6, h, c }'
echo
echo "frames built: $sent; complete: $complete; heap limit -Xmx$heap. seconds: Fathom's sending time;"
echo "wall-s: the whole command, JVM start and target set-up included."
