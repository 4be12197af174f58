"""A certificate that a programme uses survives the reference-data imports: the
certificates CSV takes over a keuzedeel's flag certificate in place, and a keuzedelen
CSV that would remove it is refused whole with a plain sentence."""

import pytest
from django.core.management import execute_from_command_line

from certificates.models import CertificateProgramme
from qualifications.models import ElectiveModule, VetCertificate
from regions.models import Organisation, Region
from tests.qualifications.factories import dump_tables, in_english, write  # noqa: F401

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("in_english")]

CERTIFICATES = "code,title,level,attached_to,qualification,core_task,keuzedeel,valid_from\n"
ELECTIVES = "code,title,level,sbu,certificate\n"


def run(capsys, command, path) -> tuple[int, str]:
    status = 0
    try:
        execute_from_command_line(["manage.py", command, str(path)])
    except SystemExit as exit_:
        status = exit_.code
    out, err = capsys.readouterr()
    return status, out + err


@pytest.fixture
def programme(tmp_path, capsys):
    run(capsys, "import_keuzedelen", write(tmp_path, "k.csv", ELECTIVES + "K0123,Zorg,3,240,yes\n"))
    region = Region.objects.create(code="AM06", name="Stedendriehoek")
    school = Organisation.objects.create(kind="mbo", code="25PZ", name="ROC", region=region)
    return CertificateProgramme.objects.create(
        school=school,
        region=region,
        name="Avondtraject",
        certificate=VetCertificate.objects.get(elective__code="K0123"),
    )


def test_the_certificates_csv_takes_over_the_flag_certificate_in_place(tmp_path, capsys, programme):
    path = write(
        tmp_path, "c.csv", CERTIFICATES + "C-9,Zorg thuis,3,keuzedeel,,,K0123,2026-08-01\n"
    )
    status, output = run(capsys, "import_certificates", path)
    assert status == 0, output
    programme.refresh_from_db()
    assert (programme.certificate.code, programme.certificate.title) == ("C-9", "Zorg thuis")
    assert VetCertificate.objects.count() == 1


def test_a_keuzedelen_csv_that_would_remove_it_is_refused(tmp_path, capsys, programme):
    before = dump_tables()
    path = write(tmp_path, "k2.csv", ELECTIVES + "K0123,Zorg,3,240,no\n")
    status, output = run(capsys, "import_keuzedelen", path)
    assert status == 1
    assert "k2.csv: a keuzedeel in the file no longer has a certificate" in output
    assert dump_tables() == before
    assert ElectiveModule.objects.get().has_certificate
