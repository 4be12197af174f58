"""Project-wide form rendering: what every form looks like without each form saying so.

`FORM_RENDERER` points here. Labels get no colon after them, an empty choice
never reads "---------", and radio buttons and checkboxes carry the design
system's classes (the widget templates in `core/form_templates/` come
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

    @property
    def datalist_id(self) -> str:
        """The id of the suggestions list of a search field ("" for other fields)."""
        return f"{self.html_name}-options" if isinstance(self.field, SearchField) else ""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        if self.datalist_id:
            attrs.update(
                {
                    "list": self.datalist_id,
                    "hx-target": f"#{self.datalist_id}",
                    "hx-swap": "innerHTML",
                }
            )
        return attrs

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


class SearchInput(django.forms.TextInput):
    input_type = "search"


class SearchField(django.forms.CharField):
    """A record named by its code or its name, as in the draft editor.

    While the user types, htmx fills a datalist with matches (name with the code
    beside it; picking one puts the code in the field). Without JavaScript the
    server takes a name that matches one record, and lists the matches when
    several do. `find(code)` returns the record or None, `search(text)` the
    matches, `code_of` and `describe` a record's code and name with code.
    The cleaned value is the record's code, or the record with `as_record=True`.
    """

    def __init__(self, *, url, find, search, code_of, describe, noun, as_record=False, **kwargs):
        self.find, self.search, self.code_of, self.describe = find, search, code_of, describe
        self.noun, self.as_record = noun, as_record
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("widget", SearchInput)
        super().__init__(**kwargs)
        self.widget.attrs.update(
            {"autocomplete": "off", "hx-get": url, "hx-trigger": "input changed delay:300ms"}
        )

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        record = self.find(text)
        if record is None:
            matches = list(self.search(text))
            if len(matches) == 1:
                record = matches[0]
            elif not matches:
                raise django.forms.ValidationError(
                    _("No %(noun)s matches “%(text)s”. Type its name or its code."),
                    code="not_found",
                    params={"noun": self.noun, "text": text},
                )
            else:
                raise django.forms.ValidationError(
                    _("More than one %(noun)s matches “%(text)s”: %(matches)s. Type the code."),
                    code="ambiguous",
                    params={
                        "noun": self.noun,
                        "text": text,
                        "matches": "; ".join(self.describe(match) for match in matches[:5]),
                    },
                )
        return record if self.as_record else self.code_of(record)
