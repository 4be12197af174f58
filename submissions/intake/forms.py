from django import forms
from django.utils.translation import gettext_lazy as _

from core import boundary
from rules.engine import MAX_DOCUMENT_BYTES


class UploadForm(forms.Form):
    """One interchange JSON document."""

    document = forms.FileField(
        label=_("Submission document (JSON)"),
        validators=[boundary.validate_file_name],
        help_text=_("A vet-submission/1 document as described in the interchange format."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/json,.json"}),
    )

    def clean_document(self):
        upload = self.cleaned_data["document"]
        if upload.size > MAX_DOCUMENT_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s MB."),
                params={"limit": MAX_DOCUMENT_BYTES // (1024 * 1024)},
            )
        return upload
