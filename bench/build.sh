#!/usr/bin/env bash
# Build a generated corpus several times with the real binary and report,
# per run and as medians: wall time, CPU time (user+sys), peak memory (the
# maximum resident set size /usr/bin/time -v reports, in MiB), pages per
# second, output size and the time of each phase that `build -v` prints.
#
#	bench/build.sh                        # 5 national builds under /dev/shm
#	RUNS=3 SCALE=small bench/build.sh
#	WORK=/dev/shm/fh bench/build.sh       # keep and reuse the corpus there
#
# Environment:
#	RUNS   builds to run (default 5)
#	SCALE  corpus scale: national, small or tiny (default national)
#	SEED   corpus seed (default 1, as bench/gen)
#	WORK   folder for the binary, the corpus and the output. Given, it is
#	       kept, and a corpus already generated there is reused. Default: a
#	       new folder under /dev/shm (else mktemp's), removed on exit.
#	NOW    the build's --now date (default 2026-11-25, the corpus's day)
#
# The binary, the corpus and the output share one filesystem, so the
# builds measure the program rather than the disk; /dev/shm also allows
# executables where /tmp may not. Each run is a clean build (--no-cache)
# into the same --dest, so every run after the first also replaces a
# previous site. bench/rebuild.sh measures builds that reuse the cache.
set -euo pipefail

RUNS=${RUNS:-5}
SCALE=${SCALE:-national}
SEED=${SEED:-1}
NOW=${NOW:-2026-11-25}
TIME=/usr/bin/time

die() { echo "build.sh: $*" >&2; exit 2; }

[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive number, not '$RUNS'"
[[ -x $TIME ]] || die "$TIME is missing (GNU time; apt-get install time)"
command -v go >/dev/null || die "go is not on PATH"

repo=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$repo/bench/lib.sh"

workdir bench
bin=$work/bin/facultyhub
src=$work/corpus-$SCALE-$SEED
dest=$work/public
logs=$work/logs
mkdir -p "$work/bin" "$logs"

header "$repo"

(cd "$repo" && go build -o "$bin" ./cmd/facultyhub) || die "go build failed"
echo "binary   $bin"

# The corpus is generated beside its final name and moved into place, so
# an interrupted run never leaves a half-written corpus to be reused.
if [[ -f $src/site.yaml ]]; then
	echo "corpus   $src (reused)"
else
	rm -rf "$src.partial"
	(cd "$repo" && go run ./bench/gen -out "$src.partial" -scale "$SCALE" -seed "$SEED") >"$logs/gen.txt" 2>&1 ||
		die "generating the corpus failed: $(cat "$logs/gen.txt")"
	mv "$src.partial" "$src"
	echo "corpus   $src ($(head -n1 "$logs/gen.txt" | sed 's/ to .* in / in /'))"
fi
echo

# Per-run results, one line each: run wall user sys maxrss_kb pages files mb
# warnings.
results=$logs/runs.txt
# Phase timings, one line each: run phase ms.
phases=$logs/phases.txt
: >"$results"
: >"$phases"

printf '%-4s %8s %8s %8s %9s %7s %10s %9s\n' run wall_s cpu_s cpu_% rss_MiB pages pages/s out_MB
for run in $(seq 1 "$RUNS"); do
	out=$logs/run$run.out
	errs=$logs/run$run.err
	timing=$logs/run$run.time
	if ! "$TIME" -o "$timing" -f 'wall=%e user=%U sys=%S maxrss_kb=%M' \
		"$bin" build --no-cache --source "$src" --dest "$dest" --now "$NOW" -v >"$out" 2>"$errs"; then
		# The build's own message is at the end of stderr, after the
		# diagnostics.
		echo "build.sh: run $run failed:" >&2
		tail -n 20 "$errs" >&2
		exit 1
	fi
	# Only `-v` phase lines ("load   1234.5 ms", "render+feeds   5678.9 ms")
	# are kept from stderr: the rest is the build's warnings, which start
	# with a path and a colon.
	awk -v run="$run" '/^[[:alpha:]][^[:space:]:]* +[0-9.]+ ms$/ { print run, $1, $2 }' "$errs" >>"$phases"
	# "built 20343 pages (21720 files, 327.5 MB) into DIR in 9.8s; 932 warnings"
	built=$(grep -m1 '^built ' "$out" || true)
	[[ -n $built ]] || die "run $run printed no 'built' line; see $out"
	awk -v run="$run" -v built="$built" '
		/^wall=/ {
			for (i = 1; i <= NF; i++) { split($i, kv, "="); t[kv[1]] = kv[2] }
			n = split(built, w, /[ (,;]+/)
			print run, t["wall"], t["user"], t["sys"], t["maxrss_kb"], w[2], w[4], w[6], w[n - 1] + 0
		}' "$timing" >>"$results"
	awk -v run="$run" '$1 == run {
		cpu = $3 + $4
		printf "%-4s %8.2f %8.2f %8.0f %9.1f %7d %10.0f %9.1f\n",
			run, $2, cpu, 100 * cpu / $2, $5 / 1024, $6, $6 / $2, $8
	}' "$results"
done

wall=$(awk '{ print $2 }' "$results" | median)
cpu=$(awk '{ print $3 + $4 }' "$results" | median)
rss=$(awk '{ print $5 / 1024 }' "$results" | median)
pages=$(awk '{ print $6 }' "$results" | median)
rate=$(awk '{ print $6 / $2 }' "$results" | median)
files=$(awk '{ print $7 }' "$results" | median)
size=$(awk '{ print $8 }' "$results" | median)
share=$(awk '{ print 100 * ($3 + $4) / $2 }' "$results" | median)
warnings=$(awk '{ print $9 }' "$results" | median)
disk=$(du -sh "$dest" | cut -f1)
awk -v runs="$RUNS" -v wall="$wall" -v cpu="$cpu" -v rss="$rss" -v pages="$pages" -v rate="$rate" \
	-v files="$files" -v size="$size" -v share="$share" -v warnings="$warnings" -v disk="$disk" 'BEGIN {
	printf "median %6.2f %8.2f %8.0f %9.1f %7.0f %10.0f %9.1f\n\n", wall, cpu, share, rss, pages, rate, size
	printf "median of %d: wall %.2fs, CPU %.2fs (user+sys), peak RSS %.1f MiB, %.0f pages at %.0f pages/s, %.0f files, %.1f MB written (%s on disk), %.0f warnings\n",
		runs, wall, cpu, rss, pages, rate, files, size, disk, warnings
}'
echo
echo "phase medians (ms, from -v):"
# Phases in the order the build runs them.
awk '$1 == 1 { print $2 }' "$phases" | while read -r name; do
	printf '  %-18s %9.1f\n' "$name" "$(awk -v p="$name" '$2 == p { print $3 }' "$phases" | median)"
done
echo "load average after: $(loadavg)"
