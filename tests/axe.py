"""axe-core in the real browser (bundled with axe-playwright-python, works offline)."""

from axe_playwright_python.sync_playwright import Axe

_axe = Axe()


def assert_accessible(page) -> None:
    """Fail with the rule ids and the offending nodes when axe finds any WCAG 2.1 AA violation."""
    # A control just swapped in under the pointer or focus is still fading into its colours
    # (Bootstrap's .15 s transition): judge what stays on screen, not the first frames.
    page.evaluate(
        """() => Promise.race([
            Promise.all(document.getAnimations().map(a => a.finished.catch(() => null))),
            new Promise(done => setTimeout(done, 1000)),
        ])"""
    )
    results = _axe.run(
        page,
        options={
            "runOnly": {
                "type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
            }
        },
    )
    violations = results.response["violations"]
    summary = [f"{v['id']}: {[n['target'] for n in v['nodes']][:5]}" for v in violations]
    assert violations == [], f"axe violations on {page.url}:\n" + "\n".join(summary)
