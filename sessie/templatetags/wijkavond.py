from django import template

from sessie.qr import qr_svg

register = template.Library()


@register.simple_tag
def qr(url: str, titel: str, schaal: int = 4):
    """{% qr url "Scan to open the wall" %}: an inline, labelled SVG QR code."""
    return qr_svg(url, titel=titel, schaal=schaal)
