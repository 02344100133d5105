"""Benchmarks: each metric is a ratio against a baseline measured in the same run on the same machine.

Run ``python -m bench [--json] [--only NAME]`` from the repository root. Not part of ``make test``.
"""
