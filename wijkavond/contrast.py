"""WCAG 2 contrast: relative luminance and contrast ratio of two colours written as #rrggbb."""

# The projector and the wall draw on this (static/css/wijkavond.css, body.projector).
PROJECTOR_ACHTERGROND = "#101820"
WIT = "#ffffff"
TEKST = 4.5  # normal text (WCAG 1.4.3)
NIET_TEKST = 3.0  # focus ring and other parts of the interface (WCAG 1.4.11)


def _kanaal(waarde: int) -> float:
    c = waarde / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminantie(kleur: str) -> float:
    """Relative luminance, 0 (black) to 1 (white)."""
    r, g, b = (int(kleur.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _kanaal(r) + 0.7152 * _kanaal(g) + 0.0722 * _kanaal(b)


def contrast(voor: str, achter: str) -> float:
    """The contrast ratio, 1 (none) to 21 (black on white); the order does not matter."""
    licht, donker = sorted((luminantie(voor), luminantie(achter)), reverse=True)
    return (licht + 0.05) / (donker + 0.05)
