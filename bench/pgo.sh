#!/usr/bin/env bash
# Refresh cmd/facultyhub/default.pgo: the CPU profile the Go compiler uses
# to optimise facultyhub (profile-guided optimisation; `go build`,
# `go run` and `go install` of ./cmd/facultyhub pick it up by themselves).
# It merges two profiles of the national-scale generated corpus: clean
# builds (BenchmarkBuildNational, with the collector set as `build` sets
# it) and preview rebuilds after an edit (BenchmarkPreviewNational, as
# `serve` runs). Run it after changing hot code, check the figures with
# bench/build.sh and go run ./bench/serve, and commit the profile.
#
#	bench/pgo.sh
#
# A stale profile is not wrong, only less useful: the compiler matches it
# to the code by function and line, and ignores what no longer matches.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
die() { echo "pgo.sh: $*" >&2; exit 2; }
command -v go >/dev/null || die "go is not on PATH"
# shellcheck source=bench/lib.sh
source "$repo/bench/lib.sh"
workdir pgo
export TMPDIR=$work # the benchmarks' corpora, on /dev/shm when it can

cd "$repo"
echo "profiling clean national builds…"
GOGC=400 GOMEMLIMIT=448MiB go test ./internal/build -run '^$' -bench '^BenchmarkBuildNational$' \
	-benchtime 3x -cpuprofile "$work/build.pprof" -o "$work/build.test"
echo "profiling preview rebuilds…"
go test ./internal/build -run '^$' -bench '^BenchmarkPreviewNational$' \
	-benchtime 100x -cpuprofile "$work/preview.pprof" -o "$work/build.test"
go tool pprof -proto "$work/build.pprof" "$work/preview.pprof" > "$work/default.pgo"
mv "$work/default.pgo" cmd/facultyhub/default.pgo
echo "wrote cmd/facultyhub/default.pgo ($(wc -c < cmd/facultyhub/default.pgo) bytes)"
