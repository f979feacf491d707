import pytest

from tests.builders import make_aanmelding, make_idee


@pytest.fixture
def geheim(noord, tafel):
    """An attendee who consented to contact, and an idea, in the demo evening."""
    make_aanmelding(
        noord,
        naam="Zwaantje Geheim",
        email="zwaantje@example.invalid",
        telefoon="0612345678",
        toestemming_contact=True,
    )
    make_idee(tafel, noord.rondes.get(nummer=1), "Een buurtkamer in de bibliotheek")
