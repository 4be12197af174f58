"""factory_boy factories for the national qualification structure.

Normalised titles are filled with the same `normalize_title` the importer uses.
"""

import datetime

import factory

from qualifications.models import (
    CoreTask,
    Domain,
    ElectiveModule,
    Qualification,
    QualificationFile,
    VetCertificate,
    WorkProcess,
)
from qualifications.text import normalize_title


class DomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Domain
        django_get_or_create = ("number",)

    number = factory.Sequence(lambda n: str(5000 + n))
    title = factory.Sequence(lambda n: f"Domein {n}")


class QualificationFileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QualificationFile

    number = factory.Sequence(lambda n: str(3000 + n))
    crebo = factory.Sequence(lambda n: f"{23000 + n:05d}")
    title = factory.Sequence(lambda n: f"Dossier {n}")
    normalized_title = factory.LazyAttribute(lambda o: normalize_title(o.title))
    status = "Vastgesteld"
    valid_from = datetime.date(2015, 8, 1)
    domain = factory.SubFactory(DomainFactory)


class QualificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Qualification

    file = factory.SubFactory(QualificationFileFactory)
    sbb_id = factory.Sequence(lambda n: str(900000 + n))
    chapter = factory.Sequence(lambda n: n + 1)
    crebo = factory.Sequence(lambda n: f"{25000 + n:05d}")
    title = factory.Sequence(lambda n: f"Kwalificatie {n}")
    normalized_title = factory.LazyAttribute(lambda o: normalize_title(o.title))
    level = 3
    study_load_hours = 4800
    programme_kind = "vakopleiding"
    valid_from = datetime.date(2015, 8, 1)


class CoreTaskFactory(factory.django.DjangoModelFactory):
    """A basis core task unless `qualification` is given (then its file is taken from it)."""

    class Meta:
        model = CoreTask

    qualification = None
    file = factory.LazyAttribute(
        lambda o: o.qualification.file if o.qualification else QualificationFileFactory()
    )
    position = factory.Sequence(lambda n: n + 1)
    code = factory.LazyAttribute(
        lambda o: (
            f"P{o.qualification.chapter}-K{o.position}" if o.qualification else f"B1-K{o.position}"
        )
    )
    sbb_id = factory.Sequence(lambda n: str(700000 + n))
    title = factory.Sequence(lambda n: f"Kerntaak {n}")
    normalized_title = factory.LazyAttribute(lambda o: normalize_title(o.title))


class WorkProcessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkProcess

    core_task = factory.SubFactory(CoreTaskFactory)
    position = factory.Sequence(lambda n: n + 1)
    code = factory.LazyAttribute(lambda o: f"{o.core_task.code}-W{o.position}")
    sbb_id = factory.Sequence(lambda n: str(800000 + n))
    title = factory.Sequence(lambda n: f"Werkproces {n}")
    normalized_title = factory.LazyAttribute(lambda o: normalize_title(o.title))


class ElectiveModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ElectiveModule

    code = factory.Sequence(lambda n: f"K{1000 + n:04d}")
    title = factory.Sequence(lambda n: f"Keuzedeel {n}")
    normalized_title = factory.LazyAttribute(lambda o: normalize_title(o.title))
    level = 3
    study_load_hours = 240
    has_certificate = False


class VetCertificateFactory(factory.django.DjangoModelFactory):
    """A certificate on a profile core task (give `core_task`) or on a keuzedeel (`elective`)."""

    class Meta:
        model = VetCertificate

    title = factory.Sequence(lambda n: f"Certificaat {n}")
    core_task = None
    elective = None
    qualification = factory.LazyAttribute(
        lambda o: o.core_task.qualification if o.core_task is not None else None
    )
