"""Project-wide form rendering: what every form looks like without each form saying so.

`FORM_RENDERER` points here. Labels get no colon after them, an empty choice
never reads "---------", and radio buttons and checkboxes carry the design
system's classes (the widget templates in `config/form_templates/` come
before Django's own).
"""

from functools import cached_property
from pathlib import Path

import django.forms
from django.forms import BoundField, ChoiceField, ModelChoiceField
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext_lazy as _

DJANGO_EMPTY_LABEL = "---------"
TEMPLATES_DIR = Path(__file__).resolve().parent / "form_templates"


def empty_label(required: bool):
    """What an empty choice says instead of Django's dashes."""
    return _("Make a choice") if required else _("No choice")


class AppBoundField(BoundField):
    """A bound field whose label has no suffix and whose empty choice reads as words."""

    def __init__(self, form, field, name):
        super().__init__(form, field, name)
        if isinstance(field, ModelChoiceField):
            if field.empty_label == DJANGO_EMPTY_LABEL:
                field.empty_label = empty_label(field.required)
        elif isinstance(field, ChoiceField):
            choices = list(field.choices)
            if choices and choices[0] == ("", DJANGO_EMPTY_LABEL):
                field.choices = [("", empty_label(field.required)), *choices[1:]]

    def label_tag(self, contents=None, attrs=None, label_suffix=None, tag=None):
        return super().label_tag(
            contents, attrs, label_suffix="" if label_suffix is None else label_suffix, tag=tag
        )

    def legend_tag(self, contents=None, attrs=None, label_suffix=None):
        return super().legend_tag(
            contents, attrs, label_suffix="" if label_suffix is None else label_suffix
        )


class FormRenderer(DjangoTemplates):
    """Django's template renderer with our widget templates first."""

    bound_field_class = AppBoundField

    @cached_property
    def engine(self):
        return self.backend(
            {
                "APP_DIRS": True,
                "DIRS": [TEMPLATES_DIR, Path(django.forms.__file__).parent / "templates"],
                "NAME": "regioforms",
                "OPTIONS": {},
            }
        )
