"""``python -m bench.peak_rss REPORT -m MODULE ARGS...``: run MODULE as ``python -m`` would, then write the
process's peak RSS (VmHWM, in kB) to REPORT.

Why not the rusage of the child: Linux carries the high-water mark of the address space replaced by
exec into ru_maxrss, and that space is the fork of the (large) benchmark process, so every child would
report at least the parent's size. VmHWM belongs to the address space made by exec alone."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path


def peak_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return -1


def main() -> None:
    report, flag, module, *rest = sys.argv[1:]
    assert flag == "-m", "usage: python -m bench.peak_rss REPORT -m MODULE ARGS..."
    sys.argv = [module, *rest]
    try:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    finally:
        Path(report).write_text(str(peak_kb()))


if __name__ == "__main__":
    main()
