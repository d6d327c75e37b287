#!/usr/bin/env bash
# Measure `facultyhub build` after one file changed, with the build cache:
# build a generated corpus once, then RUNS times edit one placement and
# build again into the same destination, reporting each rebuild's wall
# time, CPU time (user+sys), peak memory and what it rendered and wrote,
# and the medians. At the end the destination is compared byte for byte
# with a clean build (--no-cache) of the edited corpus.
#
#	bench/rebuild.sh                     # 10 body edits, national, /dev/shm
#	EDIT=title RUNS=5 bench/rebuild.sh   # front-matter edits instead
#	WORK=/dev/shm/fh bench/rebuild.sh    # keep the work folder
#
# Environment:
#	RUNS   rebuilds to time (default 10)
#	EDIT   body (append a paragraph) or title (change the title, which
#	       cards, listings and feeds show); default body
#	SCALE  corpus scale: national, small or tiny (default national)
#	WORK   folder for the binary, a copy of the corpus and the output;
#	       default a new folder under /dev/shm, removed on exit
#	NOW    the build's --now date (default 2026-11-25)
set -euo pipefail

RUNS=${RUNS:-10}
EDIT=${EDIT:-body}
SCALE=${SCALE:-national}
NOW=${NOW:-2026-11-25}
TIME=/usr/bin/time

die() { echo "rebuild.sh: $*" >&2; exit 2; }

[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive number, not '$RUNS'"
[[ $EDIT == body || $EDIT == title ]] || die "EDIT must be body or title, not '$EDIT'"
[[ -x $TIME ]] || die "$TIME is missing (GNU time; apt-get install time)"

repo=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$repo/bench/lib.sh"
workdir rebuild
bin=$work/bin/facultyhub
src=$work/corpus
dest=$work/public
logs=$work/logs
rm -rf "$src" "$dest" "$dest.cache" "$work/clean" "$logs"
mkdir -p "$work/bin" "$logs"

header "$repo"
(cd "$repo" && go build -o "$bin" ./cmd/facultyhub) || die "go build failed"
(cd "$repo" && go run ./bench/gen -out "$src" -scale "$SCALE") >"$logs/gen.txt" 2>&1 || die "generating the corpus failed"

build=("$bin" build --source "$src" --dest "$dest" --now "$NOW")
"${build[@]}" >"$logs/first.out" 2>"$logs/first.err" || die "the first build failed: $(tail -n 5 "$logs/first.err")"
echo "first    $(cat "$logs/first.out")"
echo

mapfile -t placements < <(find "$src/content/faculties" -path '*/placements/*.md' | sort | head -n "$RUNS")
results=$logs/runs.txt
: >"$results"
printf '%-4s %8s %8s %9s %9s %8s\n' run wall_s cpu_s rss_MiB rendered written
for run in $(seq 1 "$RUNS"); do
	f=${placements[$(((run - 1) % ${#placements[@]}))]}
	if [[ $EDIT == body ]]; then
		printf '\nAn added paragraph, edit %d.\n' "$run" >>"$f"
	else
		sed -i "0,/^title: .*/s//title: Edited placement $run/" "$f"
	fi
	timing=$logs/run$run.time
	"$TIME" -o "$timing" -f 'wall=%e user=%U sys=%S maxrss_kb=%M' "${build[@]}" >"$logs/run$run.out" 2>"$logs/run$run.err" ||
		die "rebuild $run failed: $(tail -n 5 "$logs/run$run.err")"
	# "updated DIR in 0.9s: rendered 70 of 21296 pages, wrote 3 changed files (0.1 MB); 932 warnings"
	line=$(grep -m1 '^updated ' "$logs/run$run.out" || true)
	[[ -n $line ]] || die "rebuild $run did not update in place: $(cat "$logs/run$run.out")"
	rendered=$(sed -E 's/.*rendered ([0-9]+) of.*/\1/' <<<"$line")
	written=$(sed -E 's/.*wrote ([0-9]+) changed.*/\1/' <<<"$line")
	awk -v run="$run" -v r="$rendered" -v w="$written" '/^wall=/ {
		for (i = 1; i <= NF; i++) { split($i, kv, "="); t[kv[1]] = kv[2] }
		print run, t["wall"], t["user"] + t["sys"], t["maxrss_kb"] / 1024, r, w
	}' "$timing" | tee -a "$results" | awk '{ printf "%-4s %8.2f %8.2f %9.1f %9d %8d\n", $1, $2, $3, $4, $5, $6 }'
done

echo
echo "median of $RUNS $EDIT edits: wall $(awk '{print $2}' "$results" | median) s, CPU $(awk '{print $3}' "$results" | median) s, peak RSS $(awk '{print $4}' "$results" | median) MiB, $(awk '{print $5}' "$results" | median) pages rendered"
echo "load average after: $(loadavg)"

"$bin" build --no-cache --source "$src" --dest "$work/clean" --now "$NOW" >/dev/null 2>"$logs/clean.err" || die "the clean build failed"
if diff -r -q "$dest" "$work/clean" >"$logs/diff.txt"; then
	echo "byte-identical to a clean build of the edited corpus"
else
	echo "rebuild.sh: the rebuilt site differs from a clean build:" >&2
	head -n 20 "$logs/diff.txt" >&2
	exit 1
fi
