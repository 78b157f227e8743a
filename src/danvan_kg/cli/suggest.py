"""“Did you mean …?” for mistyped commands, options and question names."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(word: str, choices: Iterable[str], cutoff: float = 0.7) -> str:
    """`` (did you mean 'X'?)`` for the closest choice, or an empty string when none is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return f" (did you mean {close[0]!r}?)" if close else ""


def unknown_options(
    extras: list[str], options: Iterable[str], command: str | None = None, shared: Iterable[str] = ()
) -> str:
    """The message for arguments no parser took, with the closest known option for each option;
    a ``shared`` option (accepted by some commands) that ``command`` lacks is named as such."""
    known = sorted(set(options))
    for extra in extras:
        name = extra.split("=", 1)[0]
        if command and name in shared and name not in known:
            return f"`danvan-kg {command}` takes no {name}"
    parts = []
    for extra in extras:
        name = extra.split("=", 1)[0]
        if name.startswith("--"):
            parts.append(f"{extra}{did_you_mean(name, known)}")
        else:
            parts.append(extra)
    return "unrecognized arguments: " + " ".join(parts)
