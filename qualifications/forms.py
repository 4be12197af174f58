"""Forms of the qualifications app for importing reference data (SBB XML, keuzedelen CSV)."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from core import boundary


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that accepts several files and cleans to a list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".xml,text/xml"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        cleaned = super().clean(data, initial)
        return [cleaned] if cleaned else []


def _check_upload(upload, extension: str) -> None:
    boundary.validate_file_name(upload)
    if not upload.name.lower().endswith(extension):
        raise forms.ValidationError(
            _("%(name)s is not a %(extension)s file."),
            params={"name": upload.name, "extension": extension},
        )
    if upload.size > settings.SBB_IMPORT_MAX_BYTES:
        raise forms.ValidationError(
            _("%(name)s is larger than the limit of %(limit)s."),
            params={"name": upload.name, "limit": filesizeformat(settings.SBB_IMPORT_MAX_BYTES)},
        )


class ImportUploadForm(forms.Form):
    """One or more SBB qualification files and/or one keuzedelen CSV and/or one certificates CSV."""

    sbb_files = MultipleFileField(
        label=_("SBB qualification files (XML)"),
        required=False,
        help_text=_("You can choose several files at once."),
    )
    electives_csv = forms.FileField(
        label=_("Keuzedelen (CSV)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
        help_text=_("Columns: code,title,level,sbu,certificate (certificate: yes or no)."),
    )

    certificates_csv = forms.FileField(
        label=_("mbo-certificates (CSV)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
        help_text=_(
            "Columns: code,title,level,attached_to,qualification,core_task,keuzedeel,valid_from "
            "(attached_to: part or keuzedeel)."
        ),
    )

    def clean_sbb_files(self):
        files = self.cleaned_data["sbb_files"] or []
        for upload in files:
            _check_upload(upload, ".xml")
        return files

    def clean_electives_csv(self):
        upload = self.cleaned_data["electives_csv"]
        if upload:
            _check_upload(upload, ".csv")
        return upload

    def clean_certificates_csv(self):
        upload = self.cleaned_data["certificates_csv"]
        if upload:
            _check_upload(upload, ".csv")
        return upload

    def clean(self):
        cleaned = super().clean()
        if (
            not self.errors
            and not cleaned.get("sbb_files")
            and not cleaned.get("electives_csv")
            and not cleaned.get("certificates_csv")
        ):
            raise forms.ValidationError(_("Choose at least one file to import."))
        return cleaned
