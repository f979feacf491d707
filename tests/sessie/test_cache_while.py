"""{% cache_while %}: a part rendered once per process while its mark stands, one entry per key."""

import pytest
from django.core.cache import caches
from django.template import Context, Template, TemplateSyntaxError

SJABLOON = Template(
    '{% load wijkavond %}{% cache_while merk "proef" pk %}{{ tekst }}{% endcache_while %}'
)


@pytest.fixture(autouse=True)
def leeg():
    caches["fragments"].clear()
    yield
    caches["fragments"].clear()


def toon(**context) -> str:
    return SJABLOON.render(Context(context))


def test_the_part_is_kept_while_its_mark_stands_and_rendered_again_when_it_moves():
    assert toon(merk="1", pk=7, tekst="<b>eerst</b>") == "&lt;b&gt;eerst&lt;/b&gt;"
    # The same mark: what was rendered, whatever the context says now.
    assert toon(merk="1", pk=7, tekst="later") == "&lt;b&gt;eerst&lt;/b&gt;"
    assert toon(merk="2", pk=7, tekst="later") == "later"
    # Another key is a part of its own.
    assert toon(merk="2", pk=8, tekst="ander") == "ander"


def test_a_new_mark_replaces_the_entry_instead_of_adding_one():
    for merk in range(20):
        toon(merk=merk, pk=7, tekst=f"versie {merk}")
    assert [k for k in caches["fragments"]._cache if "cache_while:proef" in k] == [
        ":1:cache_while:proef:7"
    ]


def test_without_a_name_it_says_what_it_takes():
    with pytest.raises(TemplateSyntaxError, match="takes a mark, a name"):
        Template("{% load wijkavond %}{% cache_while merk %}x{% endcache_while %}")
