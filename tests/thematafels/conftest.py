from types import SimpleNamespace

import pytest

from tests.builders import make_ronde, make_sessie, make_tafel, make_thematafel, make_user, zet_klok


@pytest.fixture
def avond():
    """A session with two themes (the first with two physical tables) and two rounds."""
    organisator = make_user()
    sessie = make_sessie(organisator=organisator)
    thema1 = make_thematafel(sessie, naam="Wijkhub")
    thema2 = make_thematafel(sessie, naam="Wijkstem")
    tafels = [
        make_tafel(thema1, naam="Tafel 1A"),
        make_tafel(thema1, naam="Tafel 1B"),
        make_tafel(thema2, naam="Tafel 2A"),
    ]
    rondes = [make_ronde(sessie, 1, "19:40", "20:25"), make_ronde(sessie, 2, "20:25", "21:10")]
    zet_klok(sessie, "19:45")

    return SimpleNamespace(
        sessie=sessie,
        organisator=organisator,
        themas=[thema1, thema2],
        tafels=tafels,
        rondes=rondes,
    )
