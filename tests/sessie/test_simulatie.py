import random

from django.core.validators import validate_email

from sessie.simulatie import fictief_email, fictieve_naam


def test_every_simulated_address_passes_the_registration_forms_own_check():
    """`Zoë` made `zoë.…@example.invalid`, which the personal page then refused to save."""
    rng = random.Random(1)
    for n in range(500):
        validate_email(fictief_email(fictieve_naam(rng), n))
    assert fictief_email("Zoë Çelik", 3) == "zoe.celik.3@example.invalid"
