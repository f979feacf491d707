"""The session clock: what is on now, what comes next, and how long until it changes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from programma.models import Programmaonderdeel
from sessie.models import Sessie


@dataclass(frozen=True)
class Stand:
    """Where the evening is at one moment of the session clock."""

    nu: dt.datetime
    huidig: Programmaonderdeel | None
    volgende: Programmaonderdeel | None
    eind_huidig: dt.datetime | None
    start_volgende: dt.datetime | None
    afgelopen: bool

    @property
    def resterend(self) -> dt.timedelta | None:
        return self.eind_huidig - self.nu if self.eind_huidig else None

    @property
    def tot_volgende(self) -> dt.timedelta | None:
        return self.start_volgende - self.nu if self.start_volgende else None

    @property
    def volgende_wissel(self) -> dt.datetime | None:
        """When this answer stops being true: the end of now, or the start of next."""
        moments = [m for m in (self.eind_huidig, self.start_volgende) if m]
        return min(moments) if moments else None


def stand(
    sessie: Sessie, onderdelen: Sequence[Programmaonderdeel], *, nu: dt.datetime | None = None
) -> Stand:
    nu = nu or sessie.nu()
    huidig = volgende = None
    for onderdeel in onderdelen:
        start, eind = sessie.op_tijd(onderdeel.start), sessie.op_tijd(onderdeel.eind)
        if start <= nu < eind and huidig is None:
            huidig = onderdeel
        elif start > nu:
            volgende = onderdeel
            break
    laatste_eind = sessie.op_tijd(onderdelen[-1].eind) if onderdelen else None
    return Stand(
        nu=nu,
        huidig=huidig,
        volgende=volgende,
        eind_huidig=sessie.op_tijd(huidig.eind) if huidig else None,
        start_volgende=sessie.op_tijd(volgende.start) if volgende else None,
        afgelopen=bool(laatste_eind and nu >= laatste_eind),
    )
