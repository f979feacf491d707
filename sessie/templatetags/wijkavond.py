from django import template
from django.core.cache import caches
from django.utils.safestring import mark_safe

from sessie.qr import qr_svg

register = template.Library()

# How long an unused part stays in a process's memory.
CACHE_WHILE_SECONDS = 300


@register.simple_tag
def qr(url: str, titel: str, schaal: int = 4):
    """{% qr url "Scan to open the wall" %}: an inline, labelled SVG QR code."""
    return qr_svg(url, titel=titel, schaal=schaal)


class CacheWhileNode(template.Node):
    def __init__(self, nodelist, mark, name: str, vary_on) -> None:
        self.nodelist, self.mark, self.name, self.vary_on = nodelist, mark, name, vary_on

    def render(self, context) -> str:
        mark = str(self.mark.resolve(context))
        key = ":".join(["cache_while", self.name, *(str(v.resolve(context)) for v in self.vary_on)])
        cache = caches["fragments"]
        entry = cache.get(key)
        if entry is not None and entry[0] == mark:
            return mark_safe(entry[1])  # our own rendering, escaped when it was made
        html = self.nodelist.render(context)
        cache.set(key, (mark, str(html)), timeout=CACHE_WHILE_SECONDS)
        return html


@register.tag
def cache_while(parser, token):
    """{% cache_while mark "name" vary_on… %}…{% endcache_while %}: the part rendered once per
    process while `mark` stays the same, in the fragments cache.

    Unlike {% cache %}, the mark is not part of the key: there is one entry per name and
    vary_on, which a new mark replaces. A screen left on all evening keeps its newest rendering,
    not one per change."""
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError(f"{bits[0]} takes a mark, a name and what it varies on")
    nodelist = parser.parse(("endcache_while",))
    parser.delete_first_token()
    name = bits[2].strip("\"'")
    return CacheWhileNode(
        nodelist, parser.compile_filter(bits[1]), name, [parser.compile_filter(b) for b in bits[3:]]
    )
