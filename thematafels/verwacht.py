"""Who a table host expects at their table in a round.

The table plan lives a floor up (`aanmelden`, which may import this app but not the other way
round), so that app registers the answer here in its `AppConfig.ready`. Without it, or before a
plan is published, nobody is expected and the capture page shows nothing.
"""

from __future__ import annotations

from collections.abc import Callable

VERWACHT: Callable[[int, int], list[str]] | None = None


def registreer(functie: Callable[[int, int], list[str]]) -> None:
    """`functie(tafel_id, ronde_id)`: the short names of who sits there (one query at most)."""
    global VERWACHT
    VERWACHT = functie


def wie(*, tafel_id: int, ronde_id: int) -> list[str]:
    return VERWACHT(tafel_id, ronde_id) if VERWACHT is not None else []
