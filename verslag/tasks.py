"""Background tasks of the follow-up (Django's tasks framework, see aanmelden/tasks.py).

The heavy report formats (a large evening's PDF takes seconds) are made here and stored as a
`Verslagbestand`; the organiser's page polls its status and then offers the download. With
the default immediate backend the file is ready before the request that asked for it ends.
The thank-you mail after the evening goes out from here too.
"""

from __future__ import annotations

import logging

from django.tasks import task
from django.utils import translation
from django.utils.translation import gettext

from sessie.models import Sessie
from verslag.bouw import bouw_verslag
from verslag.models import Verslagbestand
from verslag.renderers import FORMATEN, RendererNietBeschikbaar

logger = logging.getLogger(__name__)


@task
def maak_verslagbestand(*, bestand_id: int, taal: str = "nl") -> None:
    """Build the report and render it into the file's format; failures are stored with a
    message for the organiser, never raised into a worker's loop."""
    bestand = Verslagbestand.objects.select_related("sessie").filter(pk=bestand_id).first()
    if bestand is None or not bestand.begin():
        return  # deleted meanwhile, or another worker has it
    with translation.override(taal):
        try:
            verslag = bouw_verslag(sessie=bestand.sessie, editie=bestand.editie)
            inhoud = FORMATEN[bestand.formaat].renderer(verslag)
        except RendererNietBeschikbaar as fout:
            bestand.mislukt(str(fout))
        except Exception:
            logger.exception("Report file %s could not be made", bestand_id)
            bestand.mislukt(gettext("Something went wrong while making this file. Try again."))
        else:
            bestand.klaar(inhoud)


@task
def stuur_nabericht(*, sessie_id: int, taal: str = "nl") -> None:
    """The thank-you mail to everyone who came and has not had it yet (verslag/nabericht.py)."""
    from verslag.nabericht import stuur_alle

    sessie = Sessie.objects.filter(pk=sessie_id).first()
    if sessie is None:
        return
    with translation.override(taal):
        stuur_alle(sessie=sessie)
