"""Small, careful operations on SPARQL query text: prefixes, query form, projection, VALUES.

None of these ever inserts user text into a query: the only text added is the prologue of
well-known prefixes and a ``VALUES`` block whose terms are serialised by rdflib (``.n3()``),
which escapes quotes, backslashes and line breaks.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from rdflib.term import Node

from danvan_kg.errors import QueryError
from danvan_kg.rdf.namespaces import PREFIXES

_TOKEN = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'  # long strings
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'  # short strings
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\x00-\x20]*>"  # IRI references
    r"|#[^\n]*"  # comments
    r"|[^\"'<#]+|.",
    re.S,
)
_PREFIX_DECL = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:", re.I)
_FORM = re.compile(
    r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE|INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.I
)
_PROLOGUE = re.compile(r"\s*(?:(?:PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*", re.I)

_PNAME = re.compile(r"(?<![\w?$:.\-\u00B7])([A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7]*)?:")

_SUBSELECT = re.compile(r"(?<![?$\w])SELECT\b", re.I)

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


def strip_comments(text: str, *, blank_literals: bool = False) -> str:
    """``text`` without ``#`` comments (strings and IRIs kept; optionally blanked to ``""``)."""
    out = []
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        if token.startswith("#"):
            out.append(" ")
        elif blank_literals and token[0] in "\"'" and len(token) > 1:
            out.append('""')
        else:
            out.append(token)
    return "".join(out)


def _mask(text: str) -> str:
    """``text`` with comments, strings and IRIs blanked to spaces, keeping every offset."""
    out = []
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        if token.startswith("#") or (len(token) > 1 and token[0] in "\"'<"):
            out.append(" " * len(token))
        else:
            out.append(token)
    return "".join(out)


def declared_prefixes(text: str) -> set[str]:
    """Prefix names the query declares itself."""
    return {m.group(1) or "" for m in _PREFIX_DECL.finditer(strip_comments(text, blank_literals=True))}


def with_prefixes(text: str, prefixes: Mapping[str, str] = PREFIXES, *, only_used: bool = False) -> str:
    """``text`` with PREFIX lines prepended for the project prefixes it does not declare
    (``only_used``: only those its prefixed names use, for a query people will read)."""
    declared = declared_prefixes(text)
    used = {name for name, _line, _column in prefixed_names(text)} if only_used else set(prefixes)
    missing = [f"PREFIX {p}: <{iri}>\n" for p, iri in prefixes.items() if p not in declared and p in used]
    return "".join(missing) + text


def _line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def prefixed_names(text: str) -> list[tuple[str, int, int]]:
    """The prefix of every prefixed name outside strings, IRIs and comments, with its line and
    column (1-based), PREFIX declarations included; blank nodes (``_:b``) are not prefixed names."""
    masked = _mask(text)
    return [
        (match.group(1) or "", *_line_column(text, match.start()))
        for match in _PNAME.finditer(masked)
        if match.group(1) != "_"
    ]


def check_prefixes(text: str, prefixes: Mapping[str, str] = PREFIXES) -> None:
    """``QueryError`` naming the first prefix the query uses without declaring it (and which is not
    predeclared): engines report it as a syntax error far from the cause ("expected OPTIONAL")."""
    known = set(prefixes) | declared_prefixes(text)
    for name, line, column in prefixed_names(text):
        if name not in known:
            raise QueryError(
                f"unknown prefix '{name}:' at line {line}, column {column}: declare it "
                f"(PREFIX {name}: <…>) or use a predeclared one ({', '.join(p + ':' for p in prefixes)})"
            )


_POSITION = re.compile(r"error at (\d+):(\d+)(?:-\d+:\d+)?:\s*(.*)", re.S)
_ALTERNATIVES = re.compile(r'"(?:[^"\\]|\\.)*"|[A-Z][A-Z_]+')
_CHAR_CLASS = re.compile(r"\[[^\]]*\]")
_PATH_IN_NAME = re.compile(r"(?<![\w?$])([A-Za-z][\w.-]*):([\w.-]+)/([\w.-]+)")


def _expected(message: str) -> str:
    """The parser's message with its character-class noise left out (``expected one of "a", …``)."""
    message = " ".join(message.split())
    if not message.startswith("expected one of"):
        return message[:160]
    tokens = _ALTERNATIVES.findall(_CHAR_CLASS.sub(" ", message[len("expected one of") :]))
    if not tokens:
        return "unexpected text"
    shown = ", ".join(tokens[:10]) + (", …" if len(tokens) > 10 else "")
    return f"expected one of {shown}"


def check_syntax(text: str, prefixes: Mapping[str, str] = PREFIXES) -> None:
    """``QueryError`` for a query that does not parse: one line with the line and column in the
    text as the user wrote it (the predeclared prefixes are given to the parser, not prepended)."""
    check_prefixes(text, prefixes)
    import pyoxigraph

    try:
        pyoxigraph.Store().query(text, prefixes=dict(prefixes))  # an empty store: parse only
    except SyntaxError as exc:
        match = _POSITION.match(str(exc))
        if match is None:
            raise QueryError(f"invalid SPARQL: {str(exc).splitlines()[0]}") from None
        line, column = int(match.group(1)), int(match.group(2))
        hint = ""
        source_line = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
        if (path := _PATH_IN_NAME.search(source_line)) and path.group(1) in prefixes:
            kind, slug = path.group(2), path.group(3)
            better = f"{kind}:{slug}" if kind in prefixes else f"<{prefixes[path.group(1)]}{kind}/{slug}>"
            hint = f" ('/' cannot appear in a prefixed name: write {better})"
        near = " ".join(source_line[max(column - 1, 0) :].split())[:24]
        where = f"line {line}, column {column}" + (f' (near "{near}")' if near else " (at the end)")
        raise QueryError(f"invalid SPARQL at {where}: {_expected(match.group(3))}{hint}") from None


def query_form(text: str) -> str:
    """``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``; ``QueryError`` for updates and non-queries."""
    body = strip_comments(text, blank_literals=True)
    rest = body[_PROLOGUE.match(body).end() :]  # type: ignore[union-attr]
    match = _FORM.search(rest)
    if match is None or rest[: match.start()].strip():
        raise QueryError("not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE after the prefixes")
    form = match.group(1).upper()
    if form not in QUERY_FORMS:
        raise QueryError(
            f"{form} is a SPARQL update: only queries (SELECT, ASK, CONSTRUCT, DESCRIBE) are run"
        )
    return form


def projection(text: str) -> list[str] | None:
    """The variable names a SELECT projects, in order (``None`` for ``SELECT *``)."""
    body = strip_comments(text, blank_literals=True)
    match = re.search(r"\bSELECT\b", body, re.I)
    if match is None:
        return []
    names: list[str] = []
    depth = 0
    i = match.end()
    expr_start = -1
    while i < len(body):
        ch = body[i]
        if depth == 0 and (ch == "{" or re.match(r"(?i)WHERE\b", body[i : i + 6])):
            break
        if ch == "(":
            if depth == 0:
                expr_start = i
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                alias = re.search(r"(?i)\bAS\s+[?$](\w+)\s*$", body[expr_start + 1 : i])
                if alias:
                    names.append(alias.group(1))
        elif depth == 0 and ch in "?$":
            var = re.match(r"[?$](\w+)", body[i:])
            if var:
                names.append(var.group(1))
                i += len(var.group(0))
                continue
        elif depth == 0 and ch == "*":
            return None
        i += 1
    return names


def _n3(term: Node) -> str:
    try:
        return term.n3()
    except Exception:  # rdflib refuses to serialise an IRI with spaces, quotes or brackets
        raise QueryError(f"cannot bind {str(term)[:80]!r}: not a valid IRI") from None


def values_block(rows: Sequence[Mapping[str, Node]]) -> str:
    """A ``VALUES (?a ?b) { (t1 t2) ... }`` block; terms serialised by rdflib ``.n3()``."""
    if not rows:
        return ""
    names = sorted({name for row in rows for name in row})
    for name in names:
        if not re.fullmatch(r"[A-Za-z_]\w*", name):
            raise QueryError(f"invalid variable name {name!r}")
    lines = []
    for row in rows:
        cells = [_n3(row[name]) if row.get(name) is not None else "UNDEF" for name in names]
        lines.append("  (" + " ".join(cells) + ")")
    head = " ".join(f"?{name}" for name in names)
    return f"\nVALUES ({head}) {{\n" + "\n".join(lines) + "\n}\n"


def _brace_after(masked: str, start: int) -> int | None:
    """Offset just after the first ``{`` outside parentheses from ``start`` (else ``None``)."""
    depth = 0
    for i in range(start, len(masked)):
        ch = masked[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "{" and depth == 0:
            return i + 1
    return None


def _group_starts(text: str) -> list[int]:
    """Offsets just after the ``{`` opening the WHERE group of a SELECT or ASK query and of
    every sub-select inside it (empty for other query forms)."""
    masked = _mask(text)
    prologue_end = _PROLOGUE.match(masked).end()  # type: ignore[union-attr]
    form = _FORM.search(masked[prologue_end:])
    if form is None or form.group(1).upper() not in ("SELECT", "ASK"):
        return []
    first = _brace_after(masked, prologue_end + form.end())
    if first is None:
        return []
    starts = [first]
    for sub in _SUBSELECT.finditer(masked, first):
        position = _brace_after(masked, sub.end())
        if position is not None:
            starts.append(position)
    return starts


def values_in_where(text: str, rows: Sequence[Mapping[str, Node]]) -> str | None:
    """``text`` with ``rows`` as a VALUES block opening its WHERE group and every sub-select's.

    ``None`` for query forms without one (CONSTRUCT, DESCRIBE, updates). Joined first, the
    block binds like an engine-side substitution, and the engine plans knowing the values: on
    Oxigraph a substituted variable is planned as unknown, which made the chain of a resolution
    start from every ``dv:partOf`` triple (2-4x slower at 1M triples than with the block).
    """
    starts = _group_starts(text)
    if not starts:
        return None
    block = values_block(rows)
    for position in sorted(starts, reverse=True):
        text = text[:position] + block + text[position:]
    return text


def bind_values(text: str, rows: Sequence[Mapping[str, Node]]) -> str:
    """``text`` with ``rows`` bound by a VALUES block of rdflib-serialised terms.

    For SELECT and ASK the block opens the WHERE group (:func:`values_in_where`), where it binds
    like an engine-side substitution and lets the engine start from the bound values (a trailing
    block is joined only after the whole pattern, and after any GROUP BY, is evaluated over the
    entire store: 3-4x slower on the dev corpus, and growing with the store). Each sub-select
    gets the block too: a sub-select is evaluated on its own, so one that takes a page of models
    must already see the bound movement, as it does with Oxigraph substitutions and rdflib
    ``initBindings``. Other forms get a trailing block. Either way the values are serialised
    terms, never user text.
    """
    if not rows:
        return text
    bound = values_in_where(text, rows)
    return bound if bound is not None else text + values_block(rows)
