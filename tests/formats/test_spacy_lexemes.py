"""The spaCy export's workers make each word's ORTH and NORM by rules read off spaCy's Vocab, without spaCy:
the rules must give what spaCy's own Vocab gives, for any word, and a worker must not import spaCy."""

from __future__ import annotations

import functools
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

spacy = pytest.importorskip("spacy")

from annotator.core.formats.base import ExportDocument, FormatReport  # noqa: E402
from annotator.core.formats.conll import read_conll  # noqa: E402
from annotator.core.formats.spacy_docs import document_parts, forget, worker_rules  # noqa: E402
from annotator.core.formats.spacy_lexemes import RuleLexicon, VocabLexicon, rules_of  # noqa: E402
from annotator.core.model import SpanRecord  # noqa: E402
from annotator.core.tokenizer import tokenize  # noqa: E402
from tests.formats.helpers import CORPORA  # noqa: E402


@functools.cache
def lexicons() -> tuple[RuleLexicon, VocabLexicon]:
    vocab = spacy.blank("ar").vocab
    rules = rules_of(vocab)
    assert rules is not None, "this spaCy's Vocab does not follow the rules"
    return RuleLexicon(rules), VocabLexicon(vocab)


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=12) | st.sampled_from(["LOC", "DATE", "PERSON", "ORTH", "»", "“", "’s", "''",
                                                            "US$", "—", "İ", "ß", "Σ", "ﬁ", "\u200d", " "]))
def test_the_rules_give_what_spacy_gives_for_any_word(word: str) -> None:
    rule, vocab = lexicons()
    assert rule.lexeme(word) == vocab.lexeme(word)
    assert rule.string_id(word) == vocab.string_id(word)


def test_the_rules_give_what_spacy_gives_for_every_word_of_a_real_corpus() -> None:
    rule, vocab = lexicons()
    words = {token.text for path in sorted((CORPORA / "aqmar-arabic-ner").glob("*.txt"))[:6]
             for record in _readable(path) for token in tokenize(record.text)}
    assert len(words) > 2000
    assert [rule.lexeme(word) for word in sorted(words)] == [vocab.lexeme(word) for word in sorted(words)]


def _readable(path: Path) -> list:  # type: ignore[type-arg]
    try:
        return list(read_conll(path))
    except Exception:  # noqa: BLE001 - a corpus file with an annotation error (tested in test_conll)
        return []


def test_no_rules_for_a_vocab_whose_norm_is_made_another_way() -> None:
    from spacy.attrs import NORM

    vocab = spacy.blank("ar").vocab
    vocab.lex_attr_getters[NORM] = lambda string: string.upper()
    assert rules_of(vocab) is None


def test_a_worker_given_the_rules_makes_the_same_parts_without_importing_spacy() -> None:
    text = "قال المتحدث LOC في «حلب» يوم ١٥/٣/٢٠٢٢ 😀\n\nDATE  Word."
    document = ExportDocument("d", text, "", [SpanRecord(0, 3, "actor"), SpanRecord(4, 11, "claim"),
                                             SpanRecord(12, 15, "LOC")])
    forget()
    try:
        rules = worker_rules()
        expected = document_parts(document, FormatReport())
    finally:
        forget()
    assert rules is not None
    code = (
        "import pickle, sys\n"
        "from annotator.core.formats.spacy_docbin import _start_worker\n"
        "from annotator.core.formats.spacy_docs import document_parts\n"
        "from annotator.core.formats.base import FormatReport\n"
        "rules, document = pickle.loads(sys.stdin.buffer.read())\n"
        "_start_worker(rules)\n"
        "parts = document_parts(document, FormatReport())\n"
        "sys.stdout.buffer.write(pickle.dumps((parts, 'spacy' in sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], input=pickle.dumps((rules, document)), capture_output=True,
                            timeout=120, check=True)
    parts, spacy_imported = pickle.loads(result.stdout)
    assert not spacy_imported
    # (the strings are a set's, in each process's own order; the DocBin writes them sorted)
    assert parts._replace(strings=sorted(parts.strings)) == expected._replace(strings=sorted(expected.strings))
