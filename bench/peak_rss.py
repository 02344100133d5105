"""``python -m bench.peak_rss REPORT -m MODULE ARGS...``: run MODULE as ``python -m`` would, then write the
process's peak RSS (VmHWM, in kB) to REPORT, plus the peak of the import reader process if the run
started one.

Why not the rusage of the child: Linux carries the high-water mark of the address space replaced by
exec into ru_maxrss, and that space is the fork of the (large) benchmark process, so every child would
report at least the parent's size. VmHWM belongs to the address space made by exec alone.

The import reader (annotator/import_reader.py, a large import reads its files in a second process) is
counted by its own VmHWM, which it sends when it ends; RUSAGE_CHILDREN would not do, for the reason above:
the reader is spawned from the importing process, so its ru_maxrss is at least the importer's size at
that moment, counting the importer twice. The two peaks are added: the processes run at the same time,
and the sum is an upper bound of their memory together (their peaks need not fall at the same moment).
A large CoNLL or Hugging Face export's worker processes (annotator/core/formats/parallel.py) are counted the
same way."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

from annotator.core.processes import peak_rss_kb


def reader_peak_kb() -> int:
    """The largest peak of the import reader processes the run ended (one at a time, so not added)."""
    reader = sys.modules.get("annotator.import_reader")
    return max(getattr(reader, "reader_peaks_kb", None) or [0])


def worker_peaks_kb() -> int:
    """The export's worker processes' peaks, added: they run at the same time (formats/parallel.py)."""
    parallel = sys.modules.get("annotator.core.formats.parallel")
    return sum((getattr(parallel, "worker_peaks_kb", None) or {}).values())


def main() -> None:
    report, flag, module, *rest = sys.argv[1:]
    assert flag == "-m", "usage: python -m bench.peak_rss REPORT -m MODULE ARGS..."
    sys.argv = [module, *rest]
    try:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    finally:
        Path(report).write_text(str(peak_rss_kb() + reader_peak_kb() + worker_peaks_kb()))


if __name__ == "__main__":
    main()
