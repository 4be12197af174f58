"""Finished forms and the page frame: no Django defaults visible (no "---------"
choices, no colon after a label), design-system radios and checkboxes, a
favicon, the product's word mark and a menu that collapses (core/forms.py,
templates/base.html)."""

import re

from django import forms
from django.urls import reverse

from core.forms import AppBoundField
from tests.base import BaseTestCase

LABEL_WITH_COLON = re.compile(r"<label[^>]*>[^<]*:\s*</label>")


class SampleForm(forms.Form):
    required_choice = forms.ChoiceField(choices=[("", "---------"), ("a", "A")])
    optional_choice = forms.ChoiceField(choices=[("", "---------"), ("a", "A")], required=False)
    agreed = forms.BooleanField(label="Agreed", required=False)
    colours = forms.MultipleChoiceField(
        choices=[("r", "Red"), ("g", "Green")], widget=forms.CheckboxSelectMultiple
    )
    size = forms.ChoiceField(choices=[("s", "Small"), ("l", "Large")], widget=forms.RadioSelect)


class FormRendererTests(BaseTestCase):
    def test_every_form_renders_without_django_defaults(self):
        form = SampleForm()
        html = form.as_div()
        self.assertIsInstance(form["agreed"], AppBoundField)
        self.assertNotIn("---------", html)
        self.assertNotRegex(html, LABEL_WITH_COLON)
        self.assertIn('<label for="id_agreed">Agreed</label>', html)
        self.assertIn("Maak een keuze", html)
        self.assertIn("Geen keuze", html)

    def test_radios_and_checkboxes_carry_the_design_system_classes(self):
        html = SampleForm().as_div()
        self.assertEqual(html.count("utrecht-radio-button--html-input"), 2)
        # Two in the list and the single checkbox.
        self.assertEqual(html.count("utrecht-checkbox--html-input"), 3)
        self.assertNotIn("<select multiple", html)

    def test_the_route_form_has_no_dashes_colons_or_ctrl_click_lists(self):
        self.login(self.alice)
        html = self.client.get(reverse("pathways:route-create")).content.decode()
        self.assertNotIn("---------", html)
        self.assertNotRegex(html, LABEL_WITH_COLON)
        self.assertNotIn("multiple", re.findall(r"<select[^>]*>", html).__str__())
        self.assertNotIn("Ctrl", html)
        self.assertIn("utrecht-checkbox--html-input", html)

    def test_a_select_renders_as_django_renders_it(self):
        """core/form_templates' select.html writes the options in place (one template
        per option made long lists slow): the HTML is Django's own, byte for byte."""
        from django.forms.renderers import DjangoTemplates

        from core.forms import FormRenderer

        widgets = [
            (
                forms.Select(
                    choices=[
                        ("", "No choice"),
                        ("x", "X & Y"),
                        ("Group", [("g1", "G1"), ("g2", "<G2>")]),
                        (3, "three"),
                    ]
                ),
                "g2",
            ),
            (forms.SelectMultiple(choices=[("p", "P"), ("q", "Q")], attrs={"class": "c"}), ["q"]),
            (forms.NullBooleanSelect(), True),
            (forms.Select(choices=[("1", "one")], attrs={"disabled": True, "data-x": "1"}), ""),
        ]
        for widget, value in widgets:
            with self.subTest(widget=type(widget).__name__):
                ours = widget.render("f", value, {"id": "id_f"}, renderer=FormRenderer())
                django = widget.render("f", value, {"id": "id_f"}, renderer=DjangoTemplates())
                self.assertEqual(ours, django)
                self.assertIn("<option", ours)
        # … without a template per option.
        with self.assertTemplateNotUsed("django/forms/widgets/select_option.html"):
            SampleForm().as_div()


class PageFrameTests(BaseTestCase):
    def test_favicon_word_mark_menu_button_and_script(self):
        html = self.client.get(reverse("home")).content.decode()
        self.assertIn('rel="icon"', html)
        self.assertIn("img/favicon.svg", html)
        self.assertIn("img/wordmark.svg", html)
        self.assertIn('class="site-header__wordmark">Regio mbo', html)
        self.assertIn('aria-controls="site-nav-list"', html)
        self.assertIn("js/app.js", html)
        self.assertIn('id="announcer"', html)
        # No inline script or style (a Content-Security-Policy forbids them).
        self.assertNotRegex(html, r"<script(?![^>]*\bsrc=)[^>]*>")
        self.assertNotIn("style=", html)

    def test_favicon_ico_points_to_the_icon(self):
        response = self.client.get("/favicon.ico")
        self.assertEqual(response.status_code, 301)
        self.assertTrue(response["Location"].endswith("img/favicon.svg"))
