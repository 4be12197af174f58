"""factory_boy factories for the register of regional keuzedelen (RK codes)."""

import datetime

import factory

from qualifications.models import ElectiveModule, RegionalElectiveUse
from qualifications.text import normalize_title
from regions.models import Organisation, Region


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"AM{n % 35 + 1:02d}")
    name = factory.LazyAttribute(lambda o: f"Regio {o.code}")


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("code",)

    kind = "mbo"
    code = factory.Sequence(lambda n: f"{10 + n % 90:02d}R{chr(65 + n % 26)}")
    name = factory.Sequence(lambda n: f"ROC nummer {n}")
    region = factory.SubFactory(RegionFactory)


class RegionalElectiveFactory(factory.django.DjangoModelFactory):
    """A regional keuzedeel in the register, as an approved programme enters it."""

    class Meta:
        model = ElectiveModule

    code = factory.Sequence(lambda n: f"RK{n + 1:04d}")
    title = factory.Sequence(lambda n: f"Regionaal keuzedeel {n}")
    normalized_title = factory.LazyAttribute(lambda o: normalize_title(o.title))
    study_load_hours = 240
    is_regional = True
    school = factory.SubFactory(SchoolFactory)
    region = factory.LazyAttribute(lambda o: o.school.region)
    learning_outcomes = factory.LazyFunction(lambda: [{"code": "E1", "text": "Werkt met domotica"}])
    source_submission_id = factory.Sequence(lambda n: 1000 + n)
    source_title = factory.Sequence(lambda n: f"Regionaal programma {n}")
    registered_on = datetime.date(2026, 11, 1)


class RegionalElectiveUseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegionalElectiveUse

    elective = factory.SubFactory(RegionalElectiveFactory)
    submission_id = factory.Sequence(lambda n: 2000 + n)
    title = factory.Sequence(lambda n: f"Programma dat het noemt {n}")
    school = factory.SubFactory(SchoolFactory)
    approved_on = datetime.date(2026, 11, 15)
