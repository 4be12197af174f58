"""Filters of the qualifications API (django-filter)."""

import django_filters
from django.db.models import Exists, OuterRef

from .models import ElectiveModule, Qualification, QualificationFile, VetCertificate
from .selectors import filter_electives_by_words, filter_valid_on, search_dossiers

ISO_DATE = ["%Y-%m-%d"]
VALID_ON_HELP = (
    "Valid on this date (YYYY-MM-DD): valid from on or before it, and no end of intake "
    "or an end of intake after it."
)


class QualificationFileFilter(django_filters.FilterSet):
    crebo = django_filters.CharFilter(help_text="Crebo of the dossier.")
    level = django_filters.NumberFilter(
        method="filter_level", help_text="Level (1-4) of any of its qualifications."
    )
    domain = django_filters.CharFilter(
        field_name="domain__number", help_text="SBB number of the training domain."
    )
    status = django_filters.CharFilter(lookup_expr="iexact", help_text="E.g. Vastgesteld.")
    valid_on = django_filters.DateFilter(
        method="filter_valid_on", input_formats=ISO_DATE, help_text=VALID_ON_HELP
    )
    q = django_filters.CharFilter(
        method="filter_search",
        help_text=(
            "Search words, as on the web page: a crebo, or words in the title of the dossier, "
            "a qualification, core task or work process (case and accents do not matter)."
        ),
    )

    class Meta:
        model = QualificationFile
        fields = ["crebo", "level", "domain", "status", "valid_on", "q"]

    def filter_search(self, queryset, name, value):
        return queryset.filter(pk__in=search_dossiers(query=value).values("pk"))

    def filter_level(self, queryset, name, value):
        return queryset.filter(
            Exists(Qualification.objects.filter(file=OuterRef("pk"), level=value))
        )

    def filter_valid_on(self, queryset, name, value):
        return filter_valid_on(queryset, value)


class QualificationFilter(django_filters.FilterSet):
    crebo = django_filters.CharFilter(help_text="Crebo of the qualification.")
    file = django_filters.CharFilter(field_name="file__crebo", help_text="Crebo of its dossier.")
    level = django_filters.NumberFilter()
    domain = django_filters.CharFilter(
        field_name="file__domain__number", help_text="SBB number of the training domain."
    )
    status = django_filters.CharFilter(
        field_name="file__status", lookup_expr="iexact", help_text="Status of its dossier."
    )
    valid_on = django_filters.DateFilter(
        method="filter_valid_on",
        input_formats=ISO_DATE,
        help_text=VALID_ON_HELP + " The qualification's own dates, else its dossier's.",
    )

    class Meta:
        model = Qualification
        fields = ["crebo", "file", "level", "domain", "status", "valid_on"]

    def filter_valid_on(self, queryset, name, value):
        return filter_valid_on(queryset, value, prefix="effective_")


class ElectiveFilter(django_filters.FilterSet):
    code = django_filters.CharFilter(lookup_expr="iexact")
    level = django_filters.NumberFilter()
    has_certificate = django_filters.BooleanFilter()
    is_regional = django_filters.BooleanFilter(
        help_text="true: the regional keuzedelen of the register (RK codes); false: national."
    )
    region = django_filters.CharFilter(
        field_name="region__code",
        lookup_expr="iexact",
        help_text="Labour-market region (AM06) of a regional keuzedeel.",
    )
    q = django_filters.CharFilter(
        method="filter_search", help_text="Words in the title (case and accents do not matter)."
    )

    class Meta:
        model = ElectiveModule
        fields = ["code", "level", "has_certificate", "is_regional", "region", "q"]

    def filter_search(self, queryset, name, value):
        return filter_electives_by_words(queryset, value)


class CertificateFilter(django_filters.FilterSet):
    crebo = django_filters.CharFilter(
        field_name="qualification__crebo", help_text="Crebo of the qualification it belongs to."
    )
    elective = django_filters.CharFilter(
        field_name="elective__code", lookup_expr="iexact", help_text="Code of the keuzedeel."
    )
    code = django_filters.CharFilter(
        field_name="code", lookup_expr="iexact", help_text="The certificate's own code."
    )
    level = django_filters.NumberFilter(field_name="level", help_text="mbo level (1-4).")
    kind = django_filters.ChoiceFilter(
        method="filter_kind",
        choices=[("qualification", "qualification"), ("elective", "elective")],
        help_text="Certificates of qualifications (and their core tasks) or of keuzedelen.",
    )

    class Meta:
        model = VetCertificate
        fields = ["crebo", "elective", "code", "level", "kind"]

    def filter_kind(self, queryset, name, value):
        return queryset.filter(elective__isnull=value == "qualification")
