"""axe-core in the real browser (bundled with axe-playwright-python, works offline)."""

from axe_playwright_python.sync_playwright import Axe

_axe = Axe()

# Judge the colours that stay on screen, not the first frames of a fade. A control swapped in
# under the pointer picks up :hover a moment later and then fades for Bootstrap's .15 s; waiting
# for the running animations alone missed a fade that had not started yet. With transitions and
# animations off for the length of the check, every computed colour is its final one.
# A constructed style sheet, because the pages' CSP refuses an inline <style>.
_ZONDER_OVERGANGEN = """() => {
    const blad = new CSSStyleSheet();
    blad.replaceSync(
        "*, *::before, *::after { transition: none !important; animation: none !important; }"
    );
    window.__axeZonderOvergangen = blad;
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, blad];
    return new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
}"""
_MET_OVERGANGEN = """() => {
    const blad = window.__axeZonderOvergangen;
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter(b => b !== blad);
}"""


def assert_accessible(page) -> None:
    """Fail with the rule ids and the offending nodes when axe finds any WCAG 2.1 AA violation."""
    page.evaluate(_ZONDER_OVERGANGEN)
    try:
        results = _axe.run(
            page,
            options={
                "runOnly": {
                    "type": "tag",
                    "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
                }
            },
        )
    finally:
        page.evaluate(_MET_OVERGANGEN)
    violations = results.response["violations"]
    summary = [f"{v['id']}: {[n['target'] for n in v['nodes']][:5]}" for v in violations]
    assert violations == [], f"axe violations on {page.url}:\n" + "\n".join(summary)
