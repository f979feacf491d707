"""QR codes (segno) as inline SVG, for links a phone camera should open."""

import segno
from django.utils.safestring import SafeString, mark_safe


def qr_svg(url: str, *, titel: str, schaal: int = 4) -> SafeString:
    """An accessible SVG QR code for `url`; `titel` is what a screen reader announces."""
    svg = segno.make(url, error="m").svg_inline(scale=schaal, title=titel, border=2)
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))
