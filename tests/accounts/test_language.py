"""The language switch: Dutch by default, English after POST /i18n/setlang/."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.base import BaseTestCase

HOME_URL = reverse("home")
SET_LANGUAGE_URL = reverse("set_language")
PUBLIC_HEADING = "Room for the region in vocational education"


def dutch(msgid: str) -> str:
    with translation.override("nl"):
        return translation.gettext(msgid)


class LanguageTests(BaseTestCase):
    def test_the_default_is_dutch(self):
        response = self.client.get(HOME_URL)

        self.assertContains(response, '<html lang="nl"')
        self.assertContains(response, f"<h1>{dutch(PUBLIC_HEADING)}</h1>")
        self.assertNotEqual(dutch(PUBLIC_HEADING), PUBLIC_HEADING)

    def test_the_browser_language_does_not_switch_to_english(self):
        response = self.client.get(HOME_URL, headers={"accept-language": "en-GB,en;q=0.9"})

        self.assertContains(response, '<html lang="nl"')

    def test_the_switch_is_a_labelled_button_in_a_post_form(self):
        response = self.client.get(HOME_URL)

        self.assertContains(response, f'action="{SET_LANGUAGE_URL}" method="post"')
        self.assertContains(response, 'name="language" value="en" lang="en"')

    def test_switching_to_english_and_back(self):
        response = self.client.post(SET_LANGUAGE_URL, {"language": "en", "next": HOME_URL})

        self.assertRedirects(response, HOME_URL)
        self.assertEqual(self.client.cookies[settings.LANGUAGE_COOKIE_NAME].value, "en")
        english = self.client.get(HOME_URL)
        self.assertContains(english, '<html lang="en"')
        self.assertContains(english, f"<h1>{PUBLIC_HEADING}</h1>")

        self.client.post(SET_LANGUAGE_URL, {"language": "nl", "next": HOME_URL})
        dutch_again = self.client.get(HOME_URL)
        self.assertContains(dutch_again, '<html lang="nl"')

    def test_english_holds_after_logging_in(self):
        self.client.post(SET_LANGUAGE_URL, {"language": "en", "next": HOME_URL})
        self.login(self.alice)

        response = self.client.get(HOME_URL)

        self.assertContains(response, '<html lang="en"')
        self.assertContains(response, "<h1>Your school's work</h1>")

    def test_an_unknown_language_is_ignored(self):
        self.client.post(SET_LANGUAGE_URL, {"language": "xx", "next": HOME_URL})

        response = self.client.get(HOME_URL)

        self.assertContains(response, '<html lang="nl"')
