"""Renaming labels as they come in: ``PER=actor,LOC=location,ORG=`` (an empty target drops the label).

A source may be a glob (``MIS*=``) for families of labels such as AQMAR's MIS0..MIS3. Labels that are
not mentioned pass unchanged, so the store can refuse the unknown ones by name.
"""

from __future__ import annotations

import fnmatch
from collections import Counter
from dataclasses import dataclass, field, replace

from annotator.core.errors import AnnotatorError
from annotator.core.model import DocumentRecord


@dataclass
class LabelMapping:
    rules: dict[str, str] = field(default_factory=dict)
    renamed: Counter[str] = field(default_factory=Counter)  # "PER → actor" -> spans
    dropped: Counter[str] = field(default_factory=Counter)  # source label -> spans

    @classmethod
    def parse(cls, values: list[str]) -> LabelMapping:
        rules: dict[str, str] = {}
        for value in values:
            for item in value.split(","):
                if not item.strip():
                    continue
                source, equals, target = item.partition("=")
                if not equals or not source.strip():
                    raise AnnotatorError(f"--map: expected SOURCE=TARGET (or SOURCE= to drop), got {item!r}")
                rules[source.strip()] = target.strip()
        return cls(rules)

    def target(self, label: str) -> str | None:
        """The new name of ``label`` (itself when not mapped), or None when it is dropped."""
        if label in self.rules:
            return self.rules[label] or None
        for pattern, target in self.rules.items():
            if any(c in pattern for c in "*?[") and fnmatch.fnmatchcase(label, pattern):
                return target or None
        return label

    def apply(self, record: DocumentRecord) -> DocumentRecord:
        if not self.rules:
            return record
        spans = []
        kept_at: dict[int, int] = {}  # old span index -> new one, for the links
        for index, span in enumerate(record.spans):
            target = self.target(span.label)
            if target is None:
                self.dropped[span.label] += 1
                continue
            if target != span.label:
                self.renamed[f"{span.label} → {target}"] += 1
                span = span._replace(label=target)
            kept_at[index] = len(spans)
            spans.append(span)
        links = []
        # Link types are mapped by the same rules (--map said=source); a link goes with a dropped end.
        for link in record.links:
            target = self.target(link.type)
            if target is None or int(link.from_id) not in kept_at or int(link.to_id) not in kept_at:
                self.dropped[f"link {link.type}"] += 1
                continue
            if target != link.type:
                self.renamed[f"link {link.type} → {target}"] += 1
            links.append(replace(link, type=target, from_id=kept_at[int(link.from_id)],
                                 to_id=kept_at[int(link.to_id)]))
        return replace(record, spans=spans, links=links)

    def lines(self) -> list[str]:
        out = [f"mapped {n} span(s) {what}" for what, n in sorted(self.renamed.items())]
        out += [f"dropped {n} span(s) labelled {label!r} (--map {label}=)" for label, n in sorted(self.dropped.items())]
        return out
