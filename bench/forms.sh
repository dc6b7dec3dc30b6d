#!/usr/bin/env bash
# Form figures for `make bench`: the time of each keystroke typed into a form (its handling,
# the draft written whole with temp file + fsync + rename, and the paint), measured by the
# scripted terminal's `stats`, beside the time of one fsync'd write of the same size on the
# same disk (the floor the draft sets). Prints figures; asserts nothing.
set -eu
bin=${1:?usage: bench/forms.sh IPCASE_BINARY}
dir=$(mktemp -d /tmp/ipcase-formbench-XXXXXX)
[ -n "${BENCH_KEEP:-}" ] || trap 'rm -rf "$dir"' EXIT
export IPCASE_CONFIG=/dev/null LANG=C.UTF-8
"$bin" --home "$dir/ws" init --office 130100 --office-name 石家庄市市场监督管理局 --officer 王建国 \
  --cert 13010001 >/dev/null
python3 - "$dir" <<'PY'
import sys
d = sys.argv[1]
with open(d + "/script", "w") as f:
    f.write("size 80 24\nkeys a\nstats %s/first\n" % d)
    f.write("type %s\n" % ("耐克运动鞋商标侵权案" * 20))  # 200 characters, as an input method sends them
    f.write("stats %s/typed\nkeys <Esc>y\n" % d)
PY
IPCASE_SCRIPT=$dir/script "$bin" --home "$dir/ws"
python3 - "$dir" <<'PY'
import os, sys, time
d = sys.argv[1]
ms = sorted(float(l.split()[-1]) for l in open(d + "/typed") if l.startswith("key "))
pick = lambda q: ms[min(len(ms) - 1, int(len(ms) * q))]
print("ipcase form bench: %d characters typed into a new case's title" % len(ms))
print("  keystroke (handling, draft, paint)  median %6.2f ms  p95 %6.2f ms  max %6.2f ms"
      "  (target < 16 ms)" % (pick(0.5), pick(0.95), ms[-1]))
floor = []
for _ in range(50):
    t = time.perf_counter()
    fd = os.open(d + "/x.tmp", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.write(fd, b"x" * 600)
    os.fsync(fd)
    os.close(fd)
    os.rename(d + "/x.tmp", d + "/x.json")
    floor.append((time.perf_counter() - t) * 1000)
floor.sort()
print("  one fsync'd draft-sized write       median %6.2f ms  (the disk's floor)" % floor[25])
PY
