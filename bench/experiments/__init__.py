"""One-off measurements behind the proposals in docs/performance.md (not metrics: no targets)."""
