"""The form in which an mbo school registers or changes a certificate programme."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.template.defaultfilters import date as format_date
from django.utils.translation import gettext_lazy as _

from core.boundary import validate_year
from qualifications.models import VetCertificate
from regions.models import Organisation, Region
from regions.selectors import describe_organisation

MAX_STARTS = 24
DUTCH_DATE = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")


def parse_day(text: str) -> datetime.date:
    """A date written as 29-11-2026 or 2026-11-29; ValueError otherwise."""
    match = DUTCH_DATE.match(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
        return datetime.date(year, month, day)
    return datetime.date.fromisoformat(text)


class CertificateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, certificate):
        return str(certificate)


class ProgrammeForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the programme"),
        max_length=200,
        help_text=_("For example: Persoonlijke verzorging in deeltijd, Deventer."),
    )
    certificate = CertificateChoiceField(
        label=_("mbo-certificate"),
        queryset=VetCertificate.objects.order_by("title", "code"),
        empty_label=_("Choose a certificate"),
        help_text=_("The certificate the participants obtain at the end."),
    )
    region = forms.ModelChoiceField(
        label=_("Labour-market region"),
        queryset=Region.objects.order_by("name"),
        empty_label=_("Choose a region"),
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("Partner companies"),
        queryset=Organisation.objects.filter(kind=Organisation.Kind.COMPANY),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Optional. Search a company of your school's region by name or KvK number and "
            "tick it. A company that is missing can be added by SBB."
        ),
    )
    partner_search = forms.CharField(
        label=_("Search partner companies"), required=False, max_length=200
    )
    starts = forms.CharField(
        label=_("Start dates"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One date per line, for example 1-9-2027."),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional: for whom, when and where, how to sign up."),
    )

    def __init__(self, *args, school: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        chosen = self.initial.get("partners") or []
        if self.is_bound and hasattr(self.data, "getlist"):
            chosen = [pk for pk in self.data.getlist("partners") if str(pk).isdigit()]
        pks = [getattr(item, "pk", item) for item in chosen]
        companies = Organisation.objects.filter(kind=Organisation.Kind.COMPANY).filter(
            Q(region_id=school.region_id) | Q(pk__in=pks)
        )
        self.fields["partners"].queryset = companies.order_by("name")
        # The boxes show the companies chosen so far; more are found by the search
        # beside them (the valid choices stay the companies of the school's region).
        pks = [pk for pk in pks if str(pk).isdigit()]
        self.fields["partners"].widget.choices = [
            (company.pk, describe_organisation(company))
            for company in companies.filter(pk__in=pks).order_by("name")
        ]

    def clean_starts(self) -> list[datetime.date]:
        lines = [line.strip() for line in self.cleaned_data["starts"].splitlines()]
        days, problems = [], []
        for line in filter(None, lines):
            try:
                day = parse_day(line)
                validate_year(day)
            except ValueError:
                problems.append(
                    _("“%(text)s” is not a date; write it as 1-9-2027.") % {"text": line[:40]}
                )
            except ValidationError as error:
                problems.extend(error.messages)
            else:
                if day not in days:
                    days.append(day)
        if problems:
            raise ValidationError(problems)
        if not days:
            raise ValidationError(_("Give at least one start date."))
        if len(days) > MAX_STARTS:
            raise ValidationError(
                _("Give at most %(max)s start dates."), params={"max": MAX_STARTS}
            )
        return sorted(days)

    def clean(self):
        cleaned = super().clean()
        certificate, starts = cleaned.get("certificate"), cleaned.get("starts")
        if certificate and starts and certificate.valid_from:
            early = [day for day in starts if day < certificate.valid_from]
            if early:
                self.add_error(
                    "starts",
                    _(
                        "The certificate is valid from %(valid_from)s; the start on %(day)s "
                        "is before that."
                    )
                    % {
                        "valid_from": format_date(certificate.valid_from),
                        "day": format_date(early[0]),
                    },
                )
        return cleaned

    def programme_data(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in ("name", "certificate", "region", "description")
        }

    @staticmethod
    def initial_for(programme) -> dict:
        return {
            "name": programme.name,
            "certificate": programme.certificate,
            "region": programme.region,
            "description": programme.description,
            "partners": list(programme.partners.all()),
            "starts": "\n".join(
                f"{day.starts_on.day}-{day.starts_on.month}-{day.starts_on.year}"
                for day in programme.starts.all()
            ),
        }
