"""The session clock: what is on now, what comes next, and how long until it changes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from programma.models import Programmaonderdeel
from sessie.models import Sessie


class Blok(Protocol):
    """Anything with a number and clock times on the evening, such as a rotation round."""

    nummer: int
    start: dt.time
    eind: dt.time


@dataclass(frozen=True)
class Stand:
    """Where the evening is at one moment of the session clock."""

    nu: dt.datetime
    huidig: Programmaonderdeel | None
    volgende: Programmaonderdeel | None
    eind_huidig: dt.datetime | None
    start_volgende: dt.datetime | None
    afgelopen: bool
    ronde: Blok | None = None
    eind_ronde: dt.datetime | None = None
    laatste_ronde: bool = True

    @property
    def resterend(self) -> dt.timedelta | None:
        return self.eind_huidig - self.nu if self.eind_huidig else None

    @property
    def tot_volgende(self) -> dt.timedelta | None:
        return self.start_volgende - self.nu if self.start_volgende else None

    @property
    def resterend_ronde(self) -> dt.timedelta | None:
        return self.eind_ronde - self.nu if self.eind_ronde else None

    @property
    def volgende_wissel(self) -> dt.datetime | None:
        """When this answer stops being true: the end of now or of the round, or next's start."""
        moments = [m for m in (self.eind_huidig, self.start_volgende, self.eind_ronde) if m]
        return min(moments) if moments else None


def stand(
    sessie: Sessie,
    onderdelen: Sequence[Programmaonderdeel],
    *,
    rondes: Sequence[Blok] = (),
    nu: dt.datetime | None = None,
) -> Stand:
    """Now, next and the time left; with `rondes`, also the rotation round that is on."""
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
    ronde = next(
        (r for r in rondes if sessie.op_tijd(r.start) <= nu < sessie.op_tijd(r.eind)), None
    )
    return Stand(
        nu=nu,
        huidig=huidig,
        volgende=volgende,
        eind_huidig=sessie.op_tijd(huidig.eind) if huidig else None,
        start_volgende=sessie.op_tijd(volgende.start) if volgende else None,
        afgelopen=bool(laatste_eind and nu >= laatste_eind),
        ronde=ronde,
        eind_ronde=sessie.op_tijd(ronde.eind) if ronde else None,
        laatste_ronde=ronde is None or ronde.nummer == max(r.nummer for r in rondes),
    )
