"""One open tuple (:class:`Triple`) and its confidence: a logistic of weighted features of
its parse, the weights in ``kg/data/openie_weights.tsv`` (fitted by
``benchmarks/openie_weights.py``), so that sorting by confidence puts the likelier tuples
first."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from kg.lexicons import rows


@dataclass(frozen=True, slots=True)
class Triple:
    """One open tuple: a relation, its arguments in order, and a confidence in [0, 1]."""

    relation: str
    arguments: tuple[str, ...]
    confidence: float
    features: tuple[str, ...] = ()

    def tsv(self, sentence: str) -> str:
        """The CaRB prediction line for this tuple of ``sentence``.

        >>> Triple("met", ("Ann", "Bob"), 0.5).tsv("Ann met Bob .")
        'Ann met Bob .\\t0.500\\tmet\\tAnn\\tBob'
        """
        fields = [sentence, f"{self.confidence:.3f}", self.relation, *self.arguments]
        return "\t".join(_tsv_field(f) for f in fields)


def _tsv_field(text: str) -> str:
    # A tab or line break inside a field would shift the columns of the TSV.
    return " ".join(text.replace("\t", " ").splitlines())


@cache
def weights() -> dict[str, float]:
    """Feature weights of the confidence, from ``kg/data/openie_weights.tsv``.

    >>> "subject:own" in weights()
    True
    """
    return {row[0].strip(): float(row[1]) for row in rows("openie_weights.tsv") if len(row) >= 2}


def confidence(features: Iterable[str]) -> float:
    """The logistic of the summed feature weights, in (0, 1).

    >>> round(confidence([]), 3) == round(1 / (1 + math.exp(-weights()["bias"])), 3)
    True
    """
    table = weights()
    score = table.get("bias", 0.0) + sum(table.get(f, 0.0) for f in features)
    return 1.0 / (1.0 + math.exp(-score))


def length_features(subjects: list[str], rest: list[str], relation: str) -> list[str]:
    """Features of a tuple's size: the words of its subject, of its other arguments and of its
    relation, in buckets, and how many arguments follow the subject.

    >>> length_features(["The minister"], ["the envoy", "in Paris"], "met with")
    ['arg1-len:1-3', 'rest-len:4-8', 'rel-len:1-3', 'args:2']
    """
    def bucket(n: int) -> str:
        return "0" if n == 0 else "1-3" if n <= 3 else "4-8" if n <= 8 else "9+"
    arg1 = sum(len(s.split()) for s in subjects)
    arg2 = sum(len(r.split()) for r in rest)
    return [f"arg1-len:{bucket(arg1)}", f"rest-len:{bucket(arg2)}",
            f"rel-len:{bucket(len(relation.split()))}", f"args:{min(len(rest), 3)}"]
