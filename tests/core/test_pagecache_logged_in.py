"""The page cache for logged-in users (core/pagecache.py): each session has its own
pages, never another user's, never stale after a change, never a view that writes."""

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import add_message, constants
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.pagecache import cached_page
from experiments.models import Experiment
from regions.models import Network, Region
from submissions.drafting import services as drafting
from tests.submissions.helpers import WHILE_OPEN

pytestmark = pytest.mark.django_db

LIST_URL = reverse("submissions:list")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')
ANY_TOKEN = re.compile(r"\b[A-Za-z0-9]{64}\b")


def draft(user, title):
    return drafting.create_draft(
        user=user,
        kind="regional_programme",
        experiment=Experiment.objects.get(slug="ruimte-voor-de-regio"),
        title=title,
        today=WHILE_OPEN,
    )


def logged_in(user, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


def queries_of(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_a_repeated_page_of_a_logged_in_user_comes_from_the_cache(personas):
    draft(personas.alice, "Zorg dichtbij huis")
    alice = logged_in(personas.alice)
    built, first = queries_of(alice, LIST_URL)
    served, second = queries_of(alice, LIST_URL)
    # Only the session and the user are read (by the middleware), not the list.
    assert served <= 2 < built
    assert "Zorg dichtbij huis" in second
    assert ANY_TOKEN.sub("", first) == ANY_TOKEN.sub("", second)


def test_each_user_gets_their_own_page(personas):
    draft(personas.alice, "Zorg dichtbij huis")
    alice, bob, charlie = (logged_in(p) for p in (personas.alice, personas.bob, personas.charlie))
    alice.get(LIST_URL)
    alice.get(LIST_URL)
    # Bob, of the same school, sees the draft on a page with his own name.
    bob_page = bob.get(LIST_URL).content.decode()
    assert "Zorg dichtbij huis" in bob_page
    assert 'class="site-header__user">bob ·' in bob_page
    assert "alice" not in bob_page
    # Charlie, of another school, never sees it.
    assert "Zorg dichtbij huis" not in charlie.get(LIST_URL).content.decode()
    # Nor does an anonymous visitor get anything but the login page.
    assert Client().get(LIST_URL).status_code == 302


def test_a_change_shows_at_once(personas):
    submission = draft(personas.alice, "Zorg dichtbij huis")
    alice = logged_in(personas.alice)
    alice.get(LIST_URL)
    submission.title = "Zorg in de wijk"
    submission.save()
    assert "Zorg in de wijk" in alice.get(LIST_URL).content.decode()


def test_a_change_to_the_user_record_shows_at_once(personas):
    """The user is read by the middleware before the view: the page still follows it."""
    alice = logged_in(personas.alice)
    alice.get(LIST_URL)
    personas.alice.first_name = "Alicia"
    personas.alice.save()
    assert "Alicia" in alice.get(LIST_URL).content.decode()


def test_a_new_session_of_the_same_user_gets_a_working_csrf_token(personas):
    first = logged_in(personas.alice, enforce_csrf_checks=True)
    first.get(LIST_URL)
    second = logged_in(personas.alice, enforce_csrf_checks=True)
    page = second.get(LIST_URL)
    token = TOKEN.search(page.content.decode()).group(1)
    assert _unmask_cipher_token(token) == second.cookies[settings.CSRF_COOKIE_NAME].value
    response = second.post(
        reverse("set_language"), {"language": "en", "next": "/"} | {"csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302


def test_a_page_that_writes_while_it_is_built_is_not_kept(personas):
    region = Region.objects.create(code="AM99", name="Proefregio")
    runs = []

    @cached_page
    def writes(request):
        runs.append(1)
        Network.objects.create(name=f"Netwerk {len(runs)}", kind="sto", region=region)
        return HttpResponse("written")

    @cached_page
    def reads(request):
        runs.append(1)
        return HttpResponse(str(Network.objects.count()))

    for view, expected_runs in ((writes, 2), (reads, 1)):
        runs.clear()
        for _ in range(2):
            request = RequestFactory().get(f"/{view.__name__}/")
            request.user = AnonymousUser()
            assert view(request).status_code == 200
        assert len(runs) == expected_runs, view.__name__


def test_a_page_that_leaves_a_message_is_not_kept():
    runs = []

    @cached_page
    def tells(request):
        runs.append(1)
        add_message(request, constants.INFO, "Bekeken")
        return HttpResponse("told")

    for _ in range(2):
        request = RequestFactory().get("/tells/")
        request.user = AnonymousUser()
        request.session = SessionStore()
        request._messages = FallbackStorage(request)
        tells(request)
    assert len(runs) == 2


def test_a_logged_in_page_follows_the_clock_by_the_minute(personas):
    """A reviewer's home says how many days the oldest submission has waited, counted
    from the moment it came in: it changes during a day, not only at midnight."""
    import datetime
    from unittest import mock

    from django.utils import timezone

    from accounts.models import Role
    from submissions.models import Submission

    came_in = timezone.make_aware(datetime.datetime(2026, 11, 29, 15, 0))
    submission = draft(personas.alice, "Zorg dichtbij huis")
    Submission.objects.filter(pk=submission.pk).update(
        state=Submission.State.UNDER_REVIEW, submitted_at=came_in
    )
    reviewer = logged_in(personas.national(Role.SBB_REVIEWER))
    # The same date (30 November), two minutes apart.
    one_day_less_a_minute = came_in + datetime.timedelta(hours=23, minutes=59)
    with mock.patch("django.utils.timezone.now", return_value=one_day_less_a_minute):
        before = reviewer.get("/").content.decode()
    with mock.patch("django.utils.timezone.now", return_value=came_in + datetime.timedelta(days=1)):
        after = reviewer.get("/").content.decode()
    assert "vandaag" in before
    assert "1 dag" in after
