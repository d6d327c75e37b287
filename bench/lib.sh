# Shared by bench/build.sh and bench/rebuild.sh: source it after setting
# `die`. It defines:
#
#	workdir NAME   sets $work to $WORK (made and kept) or to a new folder
#	               under /dev/shm (else mktemp's) named after NAME, removed
#	               on exit; /dev/shm keeps the disk out of the figures and
#	               allows executables where /tmp may not
#	loadavg        prints the 1, 5 and 15 minute load averages
#	median         prints the median of the numbers on stdin, one a line
#	header REPO    prints the work folder, the host and the commit

workdir() {
	if [[ -n ${WORK:-} ]]; then
		mkdir -p "$WORK"
		work=$(cd "$WORK" && pwd)
	else
		if [[ -d /dev/shm && -w /dev/shm ]]; then
			work=$(mktemp -d "/dev/shm/facultyhub-$1.XXXXXX")
		else
			work=$(mktemp -d -t "facultyhub-$1.XXXXXX")
		fi
		trap 'rm -rf "$work"' EXIT
	fi
}

loadavg() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown; }

median() {
	sort -g | awk '{ v[NR] = $1 } END {
		if (NR == 0) exit 1
		if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2
	}'
}

header() {
	echo "work     $work"
	echo "host     $(nproc) CPUs, load average $(loadavg)"
	if rev=$(git -C "$1" describe --always --dirty 2>/dev/null); then
		echo "commit   $rev"
	fi
}
