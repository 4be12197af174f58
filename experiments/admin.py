"""Administrators edit the experiments' parameters here. Participations are
read-only: ministry staff decide on them on the participants page, where the
caps are checked and the school is notified."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from rules.kinds import kind_choices, kind_label

from . import services
from .models import Experiment, Participation, ParticipationEvent


class ExperimentAdminForm(forms.ModelForm):
    kind = forms.ChoiceField(
        label=_("kind of submission"),
        choices=lambda: [("", "—"), *kind_choices()],
        required=False,
        help_text=_("Also decides which schools take part: vmbo for practice-oriented programmes."),
    )

    class Meta:
        model = Experiment
        fields = [
            "name",
            "slug",
            "kind",
            "source",
            "max_schools",
            "first_cohort",
            "max_first_cohort",
            "start_date",
            "end_date",
            "applications_open_on",
            "applications_close_on",
            "max_budget_eur",
            "max_programmes_per_school",
            "programme_hours",
            "allowed_themes",
        ]

    def clean(self):
        cleaned = super().clean()
        max_schools, max_first = cleaned.get("max_schools"), cleaned.get("max_first_cohort")
        if max_schools is not None and max_first is not None and max_first > max_schools:
            # The database constraint refuses this too, but names only the constraint.
            self.add_error(
                "max_first_cohort",
                _(
                    "The first cohort cannot take more schools (%(first)s) than the experiment "
                    "(%(all)s)."
                )
                % {"first": max_first, "all": max_schools},
            )
        if self.instance.pk is not None:
            services.check_caps_fit_admitted(
                self.instance,
                max_schools=cleaned.get("max_schools"),
                first_cohort=cleaned.get("first_cohort") or "",
                max_first_cohort=cleaned.get("max_first_cohort"),
            )
        return cleaned


class KindFilter(admin.SimpleListFilter):
    """Filter by kind of submission, named in words rather than as stored."""

    title = _("kind of submission")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return kind_choices()

    def queryset(self, request, queryset):
        return queryset.filter(kind=self.value()) if self.value() else queryset


@admin.register(Experiment)
class ExperimentAdmin(admin.ModelAdmin):
    form = ExperimentAdminForm
    list_display = [
        "name",
        "kind_label",
        "max_schools",
        "first_cohort",
        "max_first_cohort",
        "start_date",
        "end_date",
        "max_budget_eur",
        "updated_at",
    ]
    list_filter = [KindFilter]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "source"]}),
        (_("Caps and cohorts"), {"fields": ["max_schools", "first_cohort", "max_first_cohort"]}),
        (
            _("Dates"),
            {
                "fields": [
                    "start_date",
                    "end_date",
                    "applications_open_on",
                    "applications_close_on",
                ]
            },
        ),
        (
            _("Programmes"),
            {
                "fields": [
                    "max_budget_eur",
                    "max_programmes_per_school",
                    "programme_hours",
                    "allowed_themes",
                ]
            },
        ),
    ]

    @admin.display(description=_("kind of submission"), ordering="kind")
    def kind_label(self, obj):
        return kind_label(obj.kind)

    def has_delete_permission(self, request, obj=None):
        # Participations and submissions refer to experiments (PROTECT).
        return super().has_delete_permission(request, obj) and (
            obj is None or not obj.participations.exists()
        )


class ParticipationEventInline(admin.TabularInline):
    model = ParticipationEvent
    extra = 0
    can_delete = False
    readonly_fields = ["action", "actor", "at", "from_state", "to_state", "note"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Participation)
class ParticipationAdmin(admin.ModelAdmin):
    inlines = [ParticipationEventInline]
    list_display = ["school", "experiment", "cohort", "status", "created_at", "decided_at"]
    list_filter = ["experiment", "status", "cohort"]
    search_fields = ["school__name", "school__code"]
    list_select_related = ["school", "experiment"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
