"""Benchmark suites, one function per figure set. Later issues add theirs to ALL."""

ALL: list = []
