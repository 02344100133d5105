"""Link agreement on a hand-computed example."""

from annotator.core.link_agreement import LinkUnit, link_agreement

CLAIM, CLAIM2 = (20, 40, "claim"), (60, 80, "claim")
ALI, OMAR, YESTERDAY = (0, 3, "actor"), (45, 49, "actor"), (50, 54, "date")


def test_both_f1s_by_hand() -> None:
    links = [
        # A: claim → Ali (source), claim → yesterday (time), claim2 → Omar (source)
        LinkUnit(1, "a", "source", CLAIM, ALI), LinkUnit(1, "a", "time", CLAIM, YESTERDAY),
        LinkUnit(1, "a", "source", CLAIM2, OMAR),
        # B: claim → Ali (source, a match), claim2 → Ali (source, B never tagged Omar)
        LinkUnit(1, "b", "source", CLAIM, ALI), LinkUnit(1, "b", "source", CLAIM2, ALI),
    ]
    ends = [("a", 1, e) for e in (CLAIM, CLAIM2, ALI, OMAR, YESTERDAY)] + [("b", 1, e) for e in (CLAIM, CLAIM2, ALI)]
    result = link_agreement(links, ends, ["a", "b"])
    (pair,) = result["pairs"]
    # strict: 1 match, 3 + 2 links -> 2/5
    assert pair["matched"] == 1 and pair["f1_exact"] == 2 * 1 / 5 == result["f1_exact"]
    # given spans both tagged (claim, claim2, Ali): A keeps claim→Ali only; B keeps both -> 2*1/(1+2)
    assert pair["f1_given_spans"] == 2 / 3 == result["f1_given_spans"]


def test_nothing_to_compare_is_none() -> None:
    result = link_agreement([], [], ["a", "b"])
    assert result["f1_exact"] is None and result["pairs"][0]["f1_given_spans"] is None
