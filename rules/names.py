"""Names with their codes beside them, for rule messages: "Helpende zorg en
welzijn (crebo 25498)", "ROC Aventus (25PZ)". Written without words of either
language, because a stored finding is shown again in the reader's language."""


def qualification_name(qualification) -> str:
    return f"{qualification.title} (crebo {qualification.crebo})"


def organisation_name(organisation) -> str:
    return f"{organisation.name} ({organisation.code})"


def region_name(region, code: str = "") -> str:
    """A region by name and code; the code alone when the region is unknown."""
    if region is None:
        return code or "?"
    return f"{region.name} ({region.code})"
