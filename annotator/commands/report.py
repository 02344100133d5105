"""annotator show / report: a document in the terminal with coloured spans, and a report figure.

Neither the terminal nor matplotlib shapes Arabic or applies the bidi algorithm, so both go through
annotator.core.visual (arabic-reshaper and python-bidi); Qt never does.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from annotator.commands.common import add_global_options, find_document, open_store, split_list
from annotator.core.agreement import agreement
from annotator.core.errors import AnnotatorError
from annotator.core.visual import mirrored, shape, visual, visual_order
from annotator.store.agreement_input import agreement_input

CONTAINER_LABELS = {"claim"}


def register(commands) -> dict:  # type: ignore[no-untyped-def,type-arg]
    p = commands.add_parser("show", help="print a document with its spans coloured (Arabic shaped for the terminal)")
    add_global_options(p)
    p.add_argument("document", metavar="DOC", help="document id or name")
    p.add_argument("--annotator", action="append", metavar="NAME[,NAME]", help="only these annotators' spans")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    p = commands.add_parser("report", help="a figure: labels per annotator, agreement per label, top entities")
    add_global_options(p)
    p.add_argument("--out", required=True, type=Path, metavar="report.png|report.pdf")
    return {"show": cmd_show, "report": cmd_report}


def _ansi(color: str, background: bool) -> str:
    red, green, blue = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return f"\x1b[{48 if background else 38};2;{red};{green};{blue}m"


def cmd_show(args: argparse.Namespace) -> int:
    store = open_store(args, write=False)
    document = store.document(find_document(store, args.document))
    wanted = set(split_list(args.annotator))
    spans = [s for s in store.spans(document.id) if not wanted or s.annotator in wanted]
    colors = {label.name: label.color for label in store.labels()}
    use_color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty())
    text = document.text.replace("\r\n", "\n")
    shift = [0] * (len(document.text) + 1)  # stored offset -> offset in ``text`` (CRLF shown as one break)
    removed = 0
    for index, char in enumerate(document.text):
        shift[index] = index - removed
        if char == "\r" and document.text[index + 1:index + 2] == "\n":
            removed += 1
    shift[len(document.text)] = len(document.text) - removed
    background: dict[int, str] = {}
    underline: dict[int, str] = {}
    for span in sorted(spans, key=lambda s: -(s.end - s.start)):  # inner spans painted last
        target = underline if span.label in CONTAINER_LABELS else background
        for i in range(shift[span.start], shift[span.end]):
            target[i] = colors.get(span.label, "#888888")
    print(f"{document.name} — {len(spans)} span(s)")
    position = 0
    for line in text.split("\n"):
        shaped = shape(line)
        out = []
        for index, rtl in visual_order(line) if line else []:
            char = mirrored(shaped[index], rtl)
            absolute = position + index
            if use_color and (absolute in background or absolute in underline):
                codes = (_ansi(background[absolute], True) if absolute in background else "") + \
                        (f"\x1b[4m{_ansi(underline[absolute], False)}" if absolute in underline else "")
                char = f"{codes}{char}\x1b[0m"
            out.append(char)
        print("".join(out))
        position += len(line) + 1
    print()
    for span in spans:
        swatch = f"{_ansi(colors.get(span.label, '#888888'), True)}  \x1b[0m " if use_color else ""
        print(f"{swatch}{span.label:<10} {span.annotator:<12} {span.status:<9} [{span.start},{span.end}) "
              f"{visual(span.text.replace(chr(13), '').replace(chr(10), ' '))}")
    by_id = {span.id: span for span in spans}
    links = [link for link in store.links(document.id) if link.from_id in by_id and link.to_id in by_id]
    if links:
        print()
    for link in links:
        source, target = by_id[link.from_id], by_id[link.to_id]
        # claim «...» ← source: X — the claim first, then who (or when, where) it is tied to.
        print(f"{source.label} «{visual(_one_line(source.text))}» ← {link.type}: {visual(_one_line(target.text))}"
              f"  ({link.annotator}{', ' + link.status if link.status != 'draft' else ''})")
    return 0


def _one_line(text: str, limit: int = 60) -> str:
    text = text.replace("\r", "").replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def cmd_report(args: argparse.Namespace) -> int:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib import font_manager
    except ImportError:
        raise AnnotatorError("the report needs matplotlib: pip install 'annotator[report]'") from None
    if args.out.suffix.lower() not in (".png", ".pdf"):
        raise AnnotatorError(f"--out: write a .png or a .pdf, not {args.out.suffix or 'no extension'}")
    from annotator.bundled import font_paths

    families = []
    for path in font_paths():
        font_manager.fontManager.addfont(str(path))
        families.append(font_manager.FontProperties(fname=str(path)).get_name())
    plt.rcParams["font.family"] = [*dict.fromkeys(families), "DejaVu Sans"]
    import matplotlib.ft2font

    # matplotlib 3.11+ lays text out with libraqm, which shapes Arabic and applies the bidi algorithm
    # itself: pre-shaped text would come out reversed there. Older ones need arabic-reshaper/python-bidi.
    shaped_by_matplotlib = hasattr(matplotlib.ft2font, "__libraqm_version__")

    def arabic(text: str) -> str:
        return text if shaped_by_matplotlib else visual(text)

    store = open_store(args, write=False)
    labels = [label.name for label in store.labels()]
    colors = {label.name: label.color for label in store.labels()}
    texts, _names, units = agreement_input(store, labels)
    annotators = sorted({u.annotator for u in units})
    figure, axes = plt.subplots(3, 2, figsize=(13, 13))
    figure.suptitle(arabic("تقرير التوسيم — annotation report"), fontsize=16)

    counts = Counter((u.annotator, u.label) for u in units)
    width = 0.8 / max(len(labels), 1)
    for k, label in enumerate(labels):
        axes[0][0].bar([i + k * width for i in range(len(annotators))], [counts[(a, label)] for a in annotators],
                       width, label=label, color=colors[label])
    axes[0][0].set_xticks([i + 0.4 - width / 2 for i in range(len(annotators))], annotators)
    axes[0][0].set_title("spans per label and annotator")
    axes[0][0].legend()

    reports = agreement(texts, units, labels) if len(annotators) > 1 else []
    axis = axes[0][1]
    if reports:
        measures = ("exact_f1", "overlap_f1", "kappa", "alpha_u")
        for k, measure in enumerate(measures):
            values = [_mean(r.labels[label][measure] for r in reports) for label in labels]
            axis.bar([i + k * 0.2 for i in range(len(labels))], values, 0.2, label=measure)
        axis.set_xticks([i + 0.3 for i in range(len(labels))], labels)
        axis.set_ylim(-0.1, 1.3)
        axis.legend(loc="upper center", ncol=4, fontsize=9)
        axis.set_title(f"agreement per label (mean of {len(reports)} pair(s))")
    else:
        axis.text(0.5, 0.5, "agreement needs two annotators", ha="center", va="center")
        axis.set_axis_off()

    for axis, label in ((axes[1][0], "actor"), (axes[1][1], "location")):
        top = Counter(texts[u.document_id][u.start:u.end] for u in units if u.label == label).most_common(10)
        if top:
            axis.barh([arabic(name) for name, _ in reversed(top)], [n for _, n in reversed(top)],
                      color=colors.get(label, "#888888"))
        axis.set_title(f"top {label}s")
    _progress(axes[2][0], axes[2][1], store.progress())
    figure.tight_layout()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(args.out, dpi=110)
    print(f"wrote {args.out}")
    return 0


def _progress(bars, times, progress) -> None:  # type: ignore[no-untyped-def]
    """The project's progress: per annotator, finished / skipped / in progress / not started (of what they
    were assigned) as stacked bars, and the time spent."""
    people = list(progress["annotators"])
    if not people:
        for axis in (bars, times):
            axis.text(0.5, 0.5, "no project progress yet", ha="center", va="center")
            axis.set_axis_off()
        return
    left = [0] * len(people)
    for key, color in (("finished", "#2a9d8f"), ("skipped", "#9e9e9e"), ("in_progress", "#e9c46a")):
        values = [progress["annotators"][p][key] for p in people]
        bars.barh(people, values, left=left, color=color, label=key.replace("_", " "))
        left = [a + b for a, b in zip(left, values, strict=True)]
    rest = [max(0, progress["annotators"][p]["assigned"] - done) for p, done in zip(people, left, strict=True)]
    bars.barh(people, rest, left=left, color="#e0e0e0", label="not started")
    bars.legend(loc="lower right", fontsize=9)
    bars.set_title("documents per annotator")
    times.barh(people, [progress["annotators"][p]["seconds"] / 60 for p in people], color="#457b9d")
    times.set_title("time spent (minutes, from the history)")


def _mean(values) -> float:  # type: ignore[no-untyped-def]
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else 0.0
