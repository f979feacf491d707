"""What follows from a role offer a floor up.

A role offer for a workgroup makes the person a member of it, but memberships live in
`aanmelden` (which may import this app, not the other way round). That app registers its
follower here in its `AppConfig.ready`; `noteer_rol` calls it inside the offer's transaction,
so an offer and its membership are made together or not at all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from thematafels.models import Rolnotitie

VOLGERS: list[Callable[[Rolnotitie], None]] = []


def registreer(functie: Callable[[Rolnotitie], None]) -> None:
    """`functie(notitie)`: called once for each new role offer; registering twice is once."""
    if functie not in VOLGERS:
        VOLGERS.append(functie)


def genoteerd(notitie: Rolnotitie) -> None:
    for functie in VOLGERS:
        functie(notitie)
