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
    if all((e.start, e.end) != (ev.start, ev.end) for e in rel.evidence) and len(rel.evidence) < _MAX_EVIDENCE:
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
    _article_runner(rc, found)
    return list(found.values())


def _article_runner(rc: RelationContext, found: dict[tuple[str, str, str], Relation]) -> None:
    """``model-article-runner`` (fallback): a model no rule gave a runner is run by the organisation the
    article is about: the one its headline opens with ("Hội LHPN xã A: …")."""
    run = {s for s, p, _ in found if p == "runBy"}
    orgs = [m for m in rc.all("Organisation") if rc.acts(m) and m.scope != "national"]
    if not orgs:
        return
    subject = None
    first = rc.doc.sentence(0)
    if first is not None and orgs[0].sentence == 0 and rc.body[first.start : orgs[0].start].strip(" -–:") == "":
        subject = orgs[0]
    if subject is None:
        return
    for m in rc.all("Model"):
        if m.eid not in run and not rc.funding(m):
            _add(rc, found, Found(m, subject), "runBy", 0.45, "model-article-runner")
            run.add(m.eid)
