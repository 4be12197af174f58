"""Names with their codes beside them, for rule messages: "Helpende zorg en
welzijn (crebo 25498, niveau 2)", "ROC Aventus (25PZ)". A stored finding is
shown again in the reader's language, so a name needing words of a language is
kept as its parts and written out when the message is shown
(`rules.registry.shown_params`)."""


def qualification_name(qualification) -> dict:
    """The qualification's title, crebo and level; shown as "Helpende zorg en
    welzijn (crebo 25498, niveau 2)" in the reader's language."""
    return {
        "title": qualification.title,
        "crebo": qualification.crebo,
        "level": qualification.level,
    }


def organisation_name(organisation) -> str:
    return f"{organisation.name} ({organisation.code})"


def region_name(region, code: str = "") -> str:
    """A region by name and code; the code alone when the region is unknown."""
    if region is None:
        return code or "?"
    return f"{region.name} ({region.code})"
