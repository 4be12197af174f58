"""A fictitious certificate programme of the demo school, for `manage.py load_demo`."""

import datetime

from qualifications.models import VetCertificate
from regions.models import Organisation

from .models import CertificateProgramme, ProgrammeEvent, ProgrammeStart

DEMO_PROGRAMME = {
    "school": "99XA",  # Demo ROC IJsselland, Deventer (AM06)
    "certificate": "DEMO-C01",
    "name": "Ondersteunen in zorg en welzijn — deeltijd, Deventer",
    "description": (
        "Voor werkenden en werkzoekenden die in de zorg aan de slag willen: "
        "twee dagdelen per week op school, de rest bij een van de partnerbedrijven."
    ),
    "partners": ["99990001", "99990002"],
    "starts": [datetime.date(2027, 2, 1), datetime.date(2027, 9, 1)],
}


def load_demo_programmes() -> int:
    """Create the demo programme once (skipped when the demo school or certificate is
    missing); returns the number created."""
    data = DEMO_PROGRAMME
    school = Organisation.objects.filter(code=data["school"]).first()
    certificate = VetCertificate.objects.filter(code=data["certificate"]).first()
    if school is None or certificate is None or school.region is None:
        return 0
    programme, created = CertificateProgramme.objects.get_or_create(
        school=school,
        name=data["name"],
        defaults={
            "certificate": certificate,
            "region": school.region,
            "description": data["description"],
        },
    )
    if created:
        programme.partners.set(Organisation.objects.filter(code__in=data["partners"]))
        ProgrammeStart.objects.bulk_create(
            ProgrammeStart(programme=programme, starts_on=day) for day in data["starts"]
        )
        ProgrammeEvent.objects.create(programme=programme, action=ProgrammeEvent.Action.REGISTERED)
    return int(created)
