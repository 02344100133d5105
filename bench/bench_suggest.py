"""suggest: how fast suggestions come and how good the model is.

- ``suggest_1mb``: every source (matcher, dates, cues, model) over one 1 MB article, against tokenizing
  and sentence-splitting it once (the least any suggestion needs).
- ``model_train_20k`` / ``model_train_100k``: training the CRF on ~20,000 and ~100,000 tokens of AQMAR
  (the larger is the articles five times over): the first must stay within 10 s on this 2-core machine,
  the second should grow about linearly (ratio to 20k ≤ 6).
- ``suggest_seed``: what the window's worker does when the seed article opens (every source, stored, then
  read back for the user), with a model trained on AQMAR in the database: within 1 s.
- ``tag_while_training``: tags through the window on the AQMAR articles while the model retrains in its
  own process, against the same tags with no training running.
- ``model_f1_aqmar`` / ``model_matcher_f1_aqmar``: leave-one-article-out exact-span F1 on the AQMAR slice in
  ``../shared/corpora`` (PER, ORG → actor; LOC → location; MIS* dropped), against a plain CRF (word,
  affixes, ±2 words) trained and scored the same way in the same run.

AQMAR has five tags the importer refuses (``IO``, ``OO``, ``B-MISS1``, ``B-SPANISH``, ``B-MIS1```); the
bench reads them as ``O``, in a temporary copy, and says so.
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from bench.corpus import articles
from bench.measure import ROOT, Metric, median

AQMAR = ROOT.parent / "shared" / "corpora" / "aqmar-arabic-ner"
_GOOD_TAG = re.compile(r"^(O|[BI]-(PER|LOC|ORG|MIS[0-3]))$")
MAPPING = "PER=actor,ORG=actor,LOC=location,MIS*="


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--suggest-repeat", type=int, default=3, help="runs of suggest_1mb")
    parser.add_argument("--suggest-quality", action=argparse.BooleanOptionalAction, default=True,
                        help="the AQMAR leave-one-article-out scores (about 2 minutes)")


def aqmar_documents() -> list[tuple[str, object]]:
    from annotator.core.formats.conll import read_conll
    from annotator.core.formats.mapping import LabelMapping
    from annotator.core.suggest.model import TrainingDocument

    mapping = LabelMapping.parse([MAPPING])
    found = []
    with tempfile.TemporaryDirectory() as folder:
        for path in sorted(AQMAR.glob("*.txt")):
            lines = []
            for line in path.read_text(encoding="utf-8").split("\n"):
                if line.strip():
                    token, tag = line.rsplit(" ", 1)
                    line = f"{token} {tag if _GOOD_TAG.match(tag) else 'O'}"
                lines.append(line)
            copy = Path(folder) / path.name
            copy.write_text("\n".join(lines), encoding="utf-8")
            for record in read_conll(copy):
                record = mapping.apply(record)
                found.append((path.stem, TrainingDocument(record.text, tuple((s.start, s.end, s.label)
                                                                             for s in record.spans))))
    return found


def plain_features(words: Sequence[str]) -> list[list[str]]:
    rows = []
    for index, word in enumerate(words):
        row = ["bias", f"w={word}", f"p1={word[:1]}", f"p2={word[:2]}", f"p3={word[:3]}", f"s1={word[-1:]}",
               f"s2={word[-2:]}", f"s3={word[-3:]}", f"digit={word.isdigit()}"]
        row += [f"{offset}:w={words[index + offset]}" for offset in (-2, -1, 1, 2) if 0 <= index + offset < len(words)]
        rows.append(row)
    return rows


def plain_crf_spans(training, document) -> set[tuple[int, int, str]]:  # type: ignore[no-untyped-def]
    """The baseline the brief names: a CRF with word, affix and window features, nothing Arabic-aware."""
    import pycrfsuite

    from annotator.core.suggest import model
    from annotator.core.tokenizer import split_sentences, tokenize

    trainer = pycrfsuite.Trainer(verbose=False)
    for item in training:
        for sentence, tags in model._sequences(item):
            trainer.append(plain_features([t.text for t in sentence]),
                           [t if t == "O" else "|".join(t.split("|")[:2]) for t in tags])
    trainer.set_params({"c1": 0.1, "c2": 0.1, "max_iterations": 100})
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "plain.crfsuite")
        trainer.train(path)
        tagger = pycrfsuite.Tagger()
        tagger.open(path)
        found: set[tuple[int, int, str]] = set()
        for sentence in split_sentences(document.text, tokenize(document.text)):
            if sentence:
                tags = tagger.tag(plain_features([t.text for t in sentence]))
                found |= {(s, e, label) for s, e, label, _ in model.spans_from_tags(sentence, tags)}
        tagger.close()
    return found


def f1(counts: Counter[str]) -> float:
    precision = counts["right"] / counts["found"] if counts["found"] else 0.0
    recall = counts["right"] / counts["gold"] if counts["gold"] else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def quality() -> list[Metric]:
    from annotator.core.suggest import model
    from annotator.core.suggest.matcher import MatcherIndex

    documents = aqmar_documents()
    totals: dict[str, Counter[str]] = {"model": Counter(), "model+matcher": Counter(), "plain": Counter()}
    for index, (_, held_out) in enumerate(documents):
        training = [document for number, (_, document) in enumerate(documents) if number != index]
        trained = model.train(training)
        known = model.Lexicon.of(training)
        gold = {s for s in held_out.spans if s[2] not in model.NOT_LEARNT}
        ours = {(s, e, label) for s, e, label, _ in model.predict(trained.data, held_out.text, known)}
        tagged = Counter((d.text[s:e], label) for d in training for s, e, label in d.spans)
        matched = {(s.start, s.end, s.label) for s in MatcherIndex.from_pairs(tagged.items()).match(held_out.text)}
        for name, found in (("model", ours), ("model+matcher", ours | matched),
                            ("plain", plain_crf_spans(training, held_out))):
            totals[name].update(gold=len(gold), found=len(found), right=len(gold & found))
    plain = f1(totals["plain"])
    note = (f"leave-one-article-out over {len(documents)} AQMAR articles, exact spans, micro-averaged; "
            f"baseline: a plain CRF (word, affixes, ±2 words) in the same run")
    return [Metric("model_f1_aqmar", f1(totals["model"]), plain, "F1", "> baseline", f1(totals["model"]) > plain, note),
            Metric("model_matcher_f1_aqmar", f1(totals["model+matcher"]), plain, "F1", "", None,
                   "model's suggestions and the matcher's (texts tagged in the other articles) together")]


def seed_open(trained) -> Metric:  # type: ignore[no-untyped-def]
    from annotator.core.suggest import SOURCES, source_named
    from annotator.importer import import_seed_if_empty
    from annotator.store import Store, open_database

    with tempfile.TemporaryDirectory() as folder:
        engine = open_database(f"sqlite:///{Path(folder) / 'seed.db'}")
        store = Store(engine, "bench")
        import_seed_if_empty(store)
        (document,) = [summary.id for summary in store.document_summaries()]
        text = store.document(document).text
        for phrase, label in (("العراق", "location"), ("قائد فصيل", "actor"), ("الولايات المتحدة", "location")):
            start = text.index(phrase)
            store.add_span(document, start, start + len(phrase), label)
        store.save_model(trained, {"status": "any"})
        samples = []
        for _ in range(5):
            began = time.perf_counter()
            store.compute_suggestions([document], [source_named(name) for name in SOURCES])
            shown = store.suggestions(document)
            samples.append(time.perf_counter() - began)
        engine.dispose()
    value = samples[0]  # the first opening: the model is loaded from the database then
    return Metric("suggest_seed", value, None, "s", "≤ 1 s", value <= 1.0,
                  f"the seed article opened: every source computed, stored and read back ({len(shown)} "
                  f"suggestions); {median(samples[1:]) * 1000:.0f} ms when opened again")


def tag_while_training(documents) -> Metric:  # type: ignore[no-untyped-def]
    import shiboken6

    from annotator.core.model import DocumentRecord, SpanRecord
    from annotator.gui.app import application
    from annotator.gui.main_window import MainWindow
    from annotator.store import Store, open_database
    from annotator.store.transfer import import_records
    from bench.bench_tag import candidates

    app = application()
    with tempfile.TemporaryDirectory() as folder:
        engine = open_database(f"sqlite:///{Path(folder) / 'aqmar.db'}")
        store = Store(engine, "bench")
        records = [DocumentRecord(name, d.text, [SpanRecord(s, e, label) for s, e, label in d.spans])
                   for name, d in documents]
        import_records(store, "aqmar", records)
        window = MainWindow(store)
        window.training.set_every(0)
        window.resize(1280, 800)
        window.show()
        summaries = store.document_summaries()
        window.open_document(summaries[0].id)
        app.processEvents()
        text = window.session.document.text
        spans = candidates(text, 1000, {(s.start, s.end) for s in window.session.spans})

        def tag(batch: list[tuple[int, int, str]]) -> list[float]:
            times = []
            for start, end, label in batch:
                began = time.perf_counter()
                window.session.tag(start, end, label)
                times.append(time.perf_counter() - began)
                app.processEvents()
            return times

        quiet = tag(spans[:150])
        window.training.start(manual=True)
        busy: list[float] = []
        for span in spans[150:]:
            if window.training.process is None:
                break
            busy += tag([span])
        window.training.wait(120_000)
        app.processEvents()
        window.close()
        shiboken6.delete(window)  # (a closed window lives on until deleted, with all it holds)
        engine.dispose()
    value, baseline = median(busy), median(quiet)
    return Metric("tag_while_training", value, baseline, "s", "ratio ≤ 2", value / baseline <= 2,
                  f"{len(busy)} tags while `annotator model train` ran in its own process, against "
                  f"{len(quiet)} with no training")


def training_time(documents, tokens: int) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    from annotator.core.suggest import model

    chosen, counted = [], 0
    while counted < tokens:
        for _, document in documents:
            chosen.append(document)
            counted += len(document.text.split())
            if counted >= tokens:
                break
    began = time.perf_counter()
    trained = model.train(chosen)
    return time.perf_counter() - began, trained.tokens


def run(args: argparse.Namespace) -> list[Metric]:
    from annotator.core.suggest import SOURCES, source_named
    from annotator.core.suggest.base import SuggestContext
    from annotator.core.suggest.model import Lexicon
    from annotator.core.tokenizer import split_sentences, tokenize

    if not AQMAR.is_dir():
        return [Metric("suggest", None, None, "s", "", None, f"needs {AQMAR}")]
    documents = aqmar_documents()
    small, small_tokens = training_time(documents, 20_000)
    large, large_tokens = training_time(documents, 100_000)
    metrics = [
        Metric("model_train_20k", small, None, "s", "≤ 10 s", small <= 10, f"CRF on {small_tokens:,} AQMAR tokens"),
        Metric("model_train_100k", large, small, "s", "ratio ≤ 6", large / small <= 6,
               f"{large_tokens:,} tokens against {small_tokens:,}: how training grows")]
    from annotator.core.suggest.model import train

    trained = train([document for _, document in documents])
    article = next(articles(1, 1_000_000, 2000, seed=11))
    tagged = Counter((article.text[s:e], label) for s, e, label in article.spans[:200])
    context = SuggestContext(tagged=tagged, model=trained.data)
    context_lexicon = Lexicon.from_context(context)  # built once per context in the window too
    sources = [source_named(name) for name in SOURCES]
    floor: list[float] = []
    each: dict[str, list[float]] = {source.name: [] for source in sources}
    count = 0
    for _ in range(args.suggest_repeat):
        began = time.perf_counter()
        split_sentences(article.text, tokenize(article.text))
        floor.append(time.perf_counter() - began)
        count = 0
        for source in sources:
            began = time.perf_counter()
            count += len(source.suggest(article.text, context))
            each[source.name].append(time.perf_counter() - began)
    del context_lexicon
    total = sum(median(times) for times in each.values())
    metrics.append(Metric("suggest_1mb", total, median(floor), "s", "", None,
                          f"{', '.join(SOURCES)} over a 1 MB article ({count:,} suggestions) against "
                          f"tokenizing and splitting it; computed off the UI thread in the window"))
    metrics += [Metric(f"suggest_1mb_{name}", median(times), median(floor), "s", "", None, f"the {name} source alone")
                for name, times in each.items()]
    metrics.append(seed_open(trained))
    metrics.append(tag_while_training(documents))
    if args.suggest_quality:
        metrics += quality()
    return metrics
