import datetime

import factory

from certificates.models import CertificateProgramme, ProgrammeStart
from tests.qualifications.factories import ElectiveModuleFactory, VetCertificateFactory


class CertificateProgrammeFactory(factory.django.DjangoModelFactory):
    """A programme of `school` (give it) towards a keuzedeel certificate, in the school's region."""

    class Meta:
        model = CertificateProgramme
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Certificaattraject {n}")
    certificate = factory.LazyFunction(
        lambda: VetCertificateFactory(elective=ElectiveModuleFactory())
    )
    region = factory.LazyAttribute(lambda o: o.school.region)

    @factory.post_generation
    def starts(self, create, extracted, **kwargs):
        for day in extracted or [datetime.date(2027, 9, 1)]:
            ProgrammeStart.objects.create(programme=self, starts_on=day)
