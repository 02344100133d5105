"""annotator model train / show: the `model` suggestion source, trained on the project's own spans."""

from __future__ import annotations

import argparse
import time

from annotator.commands.common import add_global_options, open_store, split_list, with_global_options


def register(commands) -> dict:  # type: ignore[no-untyped-def,type-arg]
    p = commands.add_parser("model", help="train the suggestion model on the project's spans, or show it")
    add_global_options(p)
    actions = with_global_options(p.add_subparsers(dest="action", metavar="ACTION"))
    train = actions.add_parser("train", help="train on the spans and print held-out precision/recall/F1")
    train.add_argument("--status", choices=("any", "accepted"), default="any",
                       help="learn from every span not rejected (any, the default) or the accepted ones only")
    train.add_argument("--annotator", action="append", metavar="A[,B]",
                       help="learn from these annotators' spans only (default: everyone's)")
    train.add_argument("--seed", type=int, default=0, help="which 20%% of the documents are held out (default 0)")
    actions.add_parser("show", help="when the model was trained, on what, and its held-out scores")
    return {"model": cmd_model}


def _print_scores(by_source) -> None:  # type: ignore[no-untyped-def]
    """The model's held-out scores per label, then each other source's overall, on the same documents."""
    if not by_source.get("model"):
        print("held-out scores: none (too few documents with spans to hold one out)")
        return
    print(f"{'label':<12} {'precision':>9} {'recall':>7} {'F1':>6} {'gold':>6} {'found':>6}")
    for score in by_source["model"]:
        print(f"{score.label:<12} {score.precision:>9.3f} {score.recall:>7.3f} {score.f1:>6.3f} "
              f"{score.gold:>6} {score.predicted:>6}")
    others = {source: [s for s in scores if s.label == "all"]
              for source, scores in by_source.items() if source != "model"}
    for source, (overall, *_) in ((k, v) for k, v in others.items() if v):
        print(f"other source on the same documents: {source}: precision {overall.precision:.3f}, "
              f"recall {overall.recall:.3f}, F1 {overall.f1:.3f}")


def cmd_model(args: argparse.Namespace) -> int:
    from annotator.core.errors import AnnotatorError

    action = getattr(args, "action", None)
    if action == "show":
        info = open_store(args, write=False).model_info()
        if info is None:
            print("no model yet: annotator model train")
            return 1
        print(f"trained {info.trained_at:%Y-%m-%d %H:%M} by {info.trained_by} on {info.documents} document(s), "
              f"{info.tokens} tokens, {info.spans} spans ({', '.join(f'{k} {v}' for k, v in info.settings.items())})")
        _print_scores(info.scores)
        return 0
    if action != "train":
        print("usage: annotator model {train,show}")
        return 2
    from annotator.core.suggest.model import held_out_split, train_and_evaluate

    store = open_store(args)
    annotators = split_list(args.annotator)
    documents = store.training_documents(args.status, annotators or None)
    if not documents:
        filtered = " (with these filters)" if annotators or args.status != "any" else ""
        raise AnnotatorError(f"no spans to learn from{filtered}")
    training, testing = held_out_split(len(documents), args.seed)
    print(f"training on {len(documents)} document(s) with spans; "
          f"held out for scoring: {len(testing)} (seed {args.seed})", flush=True)
    began = time.perf_counter()
    try:
        model = train_and_evaluate(documents, seed=args.seed)
    except ValueError as error:
        raise AnnotatorError(str(error)) from None
    settings = {"status": args.status, "annotators": annotators or "all", "seed": args.seed}
    store.save_model(model, settings)
    print(f"trained in {time.perf_counter() - began:.1f} s on {model.tokens} tokens, {model.spans} spans "
          f"({', '.join(model.labels)}); stored in the database")
    _print_scores(model.held_out)
    return 0
