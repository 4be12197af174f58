"""The PDF of an issued practice statement, made with fpdf2 (pure Python, no
system packages). Written in the active language; dates written out."""

import io

import segno
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF

from qualifications.search_forms import describe_qualification
from regions.selectors import describe_organisation

from .selectors import statement_work_processes

# The PDF's core fonts hold Latin-1; a few common typographic characters are
# written as their plain equivalents, anything else as "?".
_PLAIN = str.maketrans({"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "›": ">"})


def _text(value) -> str:
    return str(value).translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")


def _date(day) -> str:
    return date_format(day, "j F Y")


def statement_pdf(statement, verification_url: str) -> bytes:
    """The statement as PDF bytes, with its verification code and URL."""
    pdf = FPDF(format="A4")
    pdf.set_title(_text(_("Practice statement")))
    pdf.set_author(_text(statement.school.name))
    pdf.set_creator("Regio mbo")
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    width = pdf.epw

    def line(text, size=11, style="", height=6):
        pdf.set_font("helvetica", style=style, size=size)
        pdf.multi_cell(width, height, _text(text), new_x="LMARGIN", new_y="NEXT")

    def field(label, value):
        pdf.set_font("helvetica", style="B", size=10)
        pdf.multi_cell(width, 5, _text(label), new_x="LMARGIN", new_y="NEXT")
        line(value, size=11)
        pdf.ln(1)

    line(_("Practice statement"), size=20, style="B", height=10)
    line(_("Issued by %(school)s") % {"school": describe_organisation(statement.school)}, size=12)
    pdf.ln(4)
    if statement.is_withdrawn:
        pdf.set_text_color(170, 0, 0)
        line(
            _("WITHDRAWN on %(date)s: this statement is no longer valid.")
            % {"date": _date(statement.withdrawn_at)},
            size=12,
            style="B",
        )
        pdf.set_text_color(0, 0, 0)
        pdf.ln(2)
    field(_("Learner"), statement.learner_name or _("(name removed after the retention period)"))
    field(_("Qualification"), describe_qualification(statement.qualification))
    field(_("Company (leerbedrijf)"), describe_organisation(statement.company))
    field(_("Trainer (praktijkopleider)"), statement.trainer or "-")
    field(
        _("Learning period"),
        _("%(start)s to %(end)s")
        % {"start": _date(statement.period_start), "end": _date(statement.period_end)},
    )
    field(_("Date of issue"), _date(statement.issued_on))
    pdf.ln(2)
    line(_("The learner learned to perform these work processes at the company:"), style="B")
    pdf.ln(1)
    for code, title in statement_work_processes(statement):
        line(f"- {code} {title}".rstrip(), size=10, height=5)
    pdf.ln(6)
    line(_("Verification code: %(code)s") % {"code": statement.readable_code}, size=12, style="B")
    line(_("Check this statement at %(url)s") % {"url": verification_url}, size=10)
    # The same address as a QR code, for a phone.
    image = io.BytesIO()
    segno.make(verification_url, error="m").save(image, kind="png", scale=4, border=2)
    image.seek(0)
    pdf.ln(2)
    pdf.image(image, w=30, alt_text=_text(_("QR code of the verification address")))
    return bytes(pdf.output())
