"""axe-core inside the browser tests: every page a journey visits is checked
against WCAG 2.1 A and AA (tests/vendor/axe-core, vendored from npm, only ever
injected by the tests)."""

from pathlib import Path

AXE_SOURCE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# One run at a time: a check asked for while another runs waits for it.
_RUN = """async (tags) => {
  const options = {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]};
  const previous = window.__axeRun || Promise.resolve();
  const run = previous.catch(() => null).then(() => axe.run(document, options));
  window.__axeRun = run;
  const result = await run;
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
  }));
}"""


def axe_violations(page) -> list[dict]:
    """The WCAG 2.1 A/AA violations axe-core finds on the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol: a Content-Security-Policy
        # without inline scripts does not stop it.
        page.evaluate(AXE_SOURCE.read_text(encoding="utf-8"))
    return page.evaluate(_RUN, WCAG_TAGS)


def describe(url: str, violations: list[dict]) -> str:
    lines = [f"{url}:"]
    for violation in violations:
        lines.append(f"  {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.extend(f"    {node}" for node in violation["nodes"])
    return "\n".join(lines)


class AxeWatcher:
    """Checks every page a test arrives at: after `page.goto()`, `page.wait_for_url()`
    and `page.wait_for_load_state()`, and a page that loaded after a click is
    checked before the test next touches it (`page.locator()`, `page.fill()`, ...)
    or when the test ends. The findings fail the test at its end."""

    AFTER = ("goto", "wait_for_url", "wait_for_load_state")
    BEFORE = (
        "locator",
        "fill",
        "click",
        "check",
        "uncheck",
        "select_option",
        "inner_text",
        "input_value",
        "get_by_role",
        "get_by_text",
        "get_by_label",
        "set_viewport_size",
    )

    def __init__(self, page):
        self.page = page
        self.checked: list[str] = []
        self.failures: list[str] = []
        self.enabled = True
        self.loaded = False
        page.on("load", self._on_load)
        for name in self.AFTER:
            setattr(page, name, self._check_after(getattr(page, name)))
        for name in self.BEFORE:
            setattr(page, name, self._check_before(getattr(page, name)))

    def _on_load(self, _page) -> None:
        # Only noted here: the check runs in the test's own flow, never beside it.
        self.loaded = True

    def _check_after(self, method):
        def wrapped(*args, **kwargs):
            result = method(*args, **kwargs)
            self.check_if_enabled()
            return result

        return wrapped

    def _check_before(self, method):
        def wrapped(*args, **kwargs):
            if self.loaded:
                self.check_if_enabled()
            return method(*args, **kwargs)

        return wrapped

    def check_if_enabled(self) -> None:
        self.loaded = False
        if self.enabled:
            self.check()

    def check(self, page=None) -> None:
        """Check the page now (also after an htmx swap, which is no page load)."""
        page = page or self.page
        try:
            url = page.url
            violations = axe_violations(page)
        except Exception as error:  # the page navigated on (or closed) while axe ran
            if any(text in str(error) for text in ("context was destroyed", "navigat", "closed")):
                return
            raise
        self.checked.append(url)
        if violations and describe(url, violations) not in self.failures:
            self.failures.append(describe(url, violations))

    def finish(self) -> None:
        """Check a page that loaded after the test's last look at it."""
        if self.loaded:
            self.check_if_enabled()
