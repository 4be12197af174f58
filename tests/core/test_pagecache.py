"""The page cache (core/pagecache.py): public pages are answered from the cache for
anonymous visitors, never stale after a change, never one visitor's page to another."""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from qualifications.models import Qualification
from regions.models import Network, Region
from regions.selectors import get_indicator, indicator_values, regions_for_map
from tests.qualifications.factories import QualificationFactory
from tests.regions.helpers import load_regions

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')
ANY_TOKEN = re.compile(r"\b[A-Za-z0-9]{64}\b")


def page_url(qualification) -> str:
    return reverse("qualifications:qualification-detail", args=[qualification.crebo])


def test_a_repeated_anonymous_request_is_answered_without_the_database(
    client, django_assert_num_queries
):
    qualification = QualificationFactory(title="Verzorgende IG")
    first = client.get(page_url(qualification))
    with django_assert_num_queries(0):
        second = client.get(page_url(qualification))
    assert second.status_code == 200
    assert "Verzorgende IG" in second.content.decode()
    # The same page but for the visitor's CSRF token.
    assert ANY_TOKEN.sub("", first.content.decode()) == ANY_TOKEN.sub("", second.content.decode())


def test_a_saved_change_shows_at_once(client):
    qualification = QualificationFactory(title="Verzorgende IG")
    client.get(page_url(qualification))
    qualification.title = "Verzorgende-IG (nieuw)"
    qualification.save()
    assert "Verzorgende-IG (nieuw)" in client.get(page_url(qualification)).content.decode()


def test_a_bulk_update_and_raw_sql_show_at_once(client):
    qualification = QualificationFactory(title="Verzorgende IG")
    client.get(page_url(qualification))
    Qualification.objects.filter(pk=qualification.pk).update(title="Bijgewerkt in bulk")
    assert "Bijgewerkt in bulk" in client.get(page_url(qualification)).content.decode()
    table = Qualification._meta.db_table
    with connection.cursor() as cursor:
        sql = f'UPDATE "{table}" SET title = %s WHERE id = %s'  # noqa: S608 (a model's table)
        cursor.execute(sql, ["Met SQL", qualification.pk])
    assert "Met SQL" in client.get(page_url(qualification)).content.decode()


def test_a_deleted_record_is_gone_at_once(client):
    qualification = QualificationFactory()
    assert client.get(page_url(qualification)).status_code == 200
    qualification.delete()
    assert client.get(page_url(qualification)).status_code == 404


def test_the_map_follows_its_cached_indicator(client):
    """The map's counts come from a cached aggregate: the page follows it."""
    load_regions()
    region = Region.objects.get(code="AM06")
    indicator = get_indicator("networks")
    indicator_values(indicator, regions_for_map())  # the aggregate is cached before the page
    url = reverse("regions:map") + "?indicator=networks"
    assert 'class="empty-state"' in client.get(url).content.decode()
    Network.objects.create(name="Zorgnetwerk", kind="sto", region=region, status="active")
    assert 'class="empty-state"' not in client.get(url).content.decode()


def test_a_logged_in_user_never_gets_nor_leaves_the_anonymous_page(client, personas):
    qualification = QualificationFactory()
    alice = Client()
    alice.force_login(personas.alice)
    name = personas.alice.get_full_name() or personas.alice.username
    assert name in alice.get(page_url(qualification)).content.decode()
    assert name not in client.get(page_url(qualification)).content.decode()
    client.get(page_url(qualification))  # now cached for anonymous visitors
    assert name in alice.get(page_url(qualification)).content.decode()
    assert name not in client.get(page_url(qualification)).content.decode()


def test_every_visitor_gets_their_own_working_csrf_token():
    qualification = QualificationFactory()
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.get(page_url(qualification))
    page = second.get(page_url(qualification))  # from the cache
    token = TOKEN.search(page.content.decode()).group(1)
    cookie = second.cookies[settings.CSRF_COOKIE_NAME].value
    assert _unmask_cipher_token(token) == cookie
    assert cookie != first.cookies[settings.CSRF_COOKIE_NAME].value
    # The language switch on the cached page works for this visitor.
    response = second.post(
        reverse("set_language"),
        {"language": "en", "next": "/", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302


def test_each_language_has_its_own_page(client):
    qualification = QualificationFactory()
    dutch = client.get(page_url(qualification))
    assert dutch["Content-Language"] == "nl"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(page_url(qualification))
    assert english["Content-Language"] == "en"
    assert 'lang="en"' in english.content.decode()
    assert 'lang="en"' not in dutch.content.decode().split("<head>")[0]


def test_an_htmx_request_is_never_answered_from_the_cache(client):
    qualification = QualificationFactory()
    client.get(page_url(qualification))
    with CaptureQueriesContext(connection) as queries:
        client.get(page_url(qualification), headers={"HX-Request": "true"})
    assert len(queries) > 0


def test_a_cached_ooapi_answer_still_answers_a_conditional_request_with_304(client):
    QualificationFactory()
    url = "/ooapi/v5/education-specifications"
    first = client.get(url)
    assert first.status_code == 200
    assert client.get(url).status_code == 200  # from the cache
    again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304


def test_the_setting_turns_the_cache_off(client, settings):
    settings.PAGE_CACHE = False
    qualification = QualificationFactory()
    client.get(page_url(qualification))
    with CaptureQueriesContext(connection) as queries:
        client.get(page_url(qualification))
    assert len(queries) > 0


@pytest.mark.django_db(transaction=True)
def test_a_write_in_a_transaction_renews_the_table_again_when_it_commits():
    """A reader between the write and the commit may cache the old rows under the
    version the write gave: the commit renews it once more."""
    from django.db import transaction

    from core import aggregates
    from core.pagecache import TABLE_TOPIC

    topic = TABLE_TOPIC.format(Qualification._meta.db_table)
    qualification = QualificationFactory()
    with transaction.atomic():
        before = aggregates.versions([topic])
        Qualification.objects.filter(pk=qualification.pk).update(title="Nieuw")
        Qualification.objects.filter(pk=qualification.pk).update(title="Nieuwer")
        during = aggregates.versions([topic])
        assert during != before
    assert aggregates.versions([topic]) != during


def test_writes_inside_renewed_once_renew_their_table_when_it_ends(client):
    """A run of writes (a batch of background checks) renews the version of the
    tables it wrote once, at its end: the page cached before is served until then,
    and the change shows as soon as the block ends."""
    from core import aggregates, pagecache

    qualification = QualificationFactory(title="Verzorgende IG")
    client.get(page_url(qualification))
    topic = pagecache.TABLE_TOPIC.format(Qualification._meta.db_table)
    before = aggregates.versions([topic])
    with pagecache.renewed_once():
        for title in ("Eerste", "Tweede"):
            Qualification.objects.filter(pk=qualification.pk).update(title=title)
        assert aggregates.versions([topic]) == before
        assert "Verzorgende IG" in client.get(page_url(qualification)).content.decode()
    assert aggregates.versions([topic]) != before
    assert "Tweede" in client.get(page_url(qualification)).content.decode()
