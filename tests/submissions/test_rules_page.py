"""The public rules page: every rule of the registry, with an anchor per rule ID."""

from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from rules.registry import REGISTRY
from rules.sources import source_text


class RulesPageTests(TestCase):
    def test_lists_every_registered_rule_with_source(self):
        response = self.client.get(reverse("submissions:rules"))
        assert response.status_code == 200
        for rule_id, registered in REGISTRY.items():
            self.assertContains(response, f'id="{rule_id}"')
            # The source in words: the document's title in Dutch, with its passage.
            with translation.override("nl"):
                self.assertContains(response, escape(source_text(registered.source)))
        self.assertContains(response, "<h1>", count=1)

    def test_rule_text_in_dutch_and_english(self):
        self.client.cookies["django_language"] = "en"
        english = self.client.get(reverse("submissions:rules"))
        self.assertContains(
            english, "A route under the law has a combined PTA/OER: it is compulsory under the law."
        )
        self.assertContains(english, "plausibility check")
        self.client.cookies["django_language"] = "nl"
        dutch = self.client.get(reverse("submissions:rules"))
        self.assertNotContains(dutch, "A route under the law has a combined PTA/OER")
        self.assertContains(dutch, "plausibiliteitscontrole")

    def test_explains_the_source_documents(self):
        """Sources name seed documents by number (000, 003, …): the page says
        which document each number is, in Dutch by default."""
        response = self.client.get(reverse("submissions:rules"))
        sources = dict(response.context["sources"])
        cited = {registered.source.split(" ")[0].rstrip(";,") for registered in REGISTRY.values()}
        assert cited <= set(sources), cited - set(sources)
        self.assertContains(response, "<dt>004</dt>", html=False)
        self.assertContains(response, "Toekomstperspectief kwalificatiestructuur")
        self.assertContains(response, '<h2 id="sources-heading">Bronnen</h2>', html=True)
