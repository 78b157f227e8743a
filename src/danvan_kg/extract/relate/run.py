"""Run the relation table over one document: every rule in order, confidences and evidence
attached, superseded fallbacks removed, and the runner's place given to models without one."""

from __future__ import annotations

from danvan_kg.extract.model import Relation
from danvan_kg.extract.registry import ordered_rules
from danvan_kg.extract.relate import rules  # noqa: F401  (registers the rules)
from danvan_kg.extract.relate.context import Found, RelationContext

__all__ = ["find_relations"]

_MAX_EVIDENCE = 5


def _add(rc: RelationContext, out: dict, f: Found, predicate: str, conf: float, method: str) -> None:
    if not f.s.eid or not f.o.eid or f.s.eid == f.o.eid:
        return
    ev = rc.evidence(f.s, f.o, method, conf)
    key = (f.s.eid, predicate, f.o.eid)
    rel = out.get(key)
    if rel is None:
        out[key] = Relation(f.s.eid, predicate, f.o.eid, conf, [ev], f"rule:{method}")
        return
    if (
        all((e.start, e.end) != (ev.start, ev.end) for e in rel.evidence)
        and len(rel.evidence) < _MAX_EVIDENCE
    ):
        rel.evidence.append(ev)
    if conf > rel.confidence:
        rel.confidence, rel.method = conf, f"rule:{method}"


def find_relations(rc: RelationContext) -> list[Relation]:
    """The relations the document states, by the rules of :mod:`danvan_kg.extract.relate.rules`."""
    found: dict[tuple[str, str, str], Relation] = {}
    by_rule: dict[str, set[tuple[str, str]]] = {}
    table = ordered_rules()
    for rule in table:
        for f in rule.fn(rc) or ():
            conf = f.confidence if f.confidence is not None else rule.confidence
            _add(rc, found, f, rule.predicate, conf, rule.name)
            by_rule.setdefault(rule.name, set()).add((f.s.eid, rule.predicate))
    for rule in table:  # a specific rule removes the fallbacks it supersedes, for the same subject
        for sup in rule.supersedes:
            for s_p in by_rule.get(rule.name, ()):
                for key in [k for k, r in found.items() if (k[0], k[1]) == s_p and r.method == f"rule:{sup}"]:
                    del found[key]
    fallbacks = {f"rule:{r.name}" for r in table if r.fallback}
    stated = {(k[0], k[1]) for k, r in found.items() if r.method not in fallbacks}
    for key in [k for k, r in found.items() if r.method in fallbacks and (k[0], k[1]) in stated]:
        del found[key]  # a fallback stands only where no other rule found the predicate for that subject
    _most_specific(rc, found)
    return list(found.values())


_RANK = {"country": 0, "region": 1, "province": 2, "district": 3, "ward": 4, "hamlet": 5}


def _most_specific(rc: RelationContext, found: dict[tuple[str, str, str], Relation]) -> None:
    """One level of place per subject: where a subject is placed at a hamlet and at its commune, the
    hamlet stays (a place and its parent are one statement; the hierarchy comes from reference data)."""
    best: dict[str, int] = {}
    for s, p, o in found:
        if p == "locatedIn":
            best[s] = max(best.get(s, -1), _RANK.get(rc.place_level.get(o, ""), 2))
    for key in [
        k for k in found if k[1] == "locatedIn" and _RANK.get(rc.place_level.get(k[2], ""), 2) < best[k[0]]
    ]:
        del found[key]
