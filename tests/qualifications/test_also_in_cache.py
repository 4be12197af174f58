"""The "also in" lists at national scale: capped per part with a link to the full
list, and cached until the qualification structure changes."""

import pytest
from django.test import override_settings
from django.urls import reverse

from qualifications.selectors import ALSO_IN_SHOWN

from .factories import CoreTaskFactory, QualificationFactory


def shared_core_task(viewed, others: int, title="Werken aan kwaliteit"):
    CoreTaskFactory(qualification=viewed, title=title)
    return [
        CoreTaskFactory(qualification=QualificationFactory(), title=title).qualification
        for _ in range(others)
    ]


@pytest.mark.django_db
def test_a_long_list_shows_the_first_entries_and_links_to_the_rest(client):
    viewed = QualificationFactory()
    others = shared_core_task(viewed, ALSO_IN_SHOWN + 3)

    response = client.get(reverse("qualifications:qualification-detail", args=[viewed.crebo]))

    (part,) = response.context["profile_parts"]
    assert len(part.also_in) == ALSO_IN_SHOWN
    assert part.also_in_more == 3
    full_url = reverse("qualifications:qualification-also-in", args=[viewed.crebo, part.code])
    assert full_url in response.content.decode()
    assert "en nog 3 kwalificaties" in response.content.decode()

    full = client.get(full_url)
    assert full.status_code == 200
    assert {entry.qualification.crebo for entry in full.context["page_obj"]} == {
        other.crebo for other in others
    }


@pytest.mark.django_db
def test_a_short_list_has_no_more_link(client):
    viewed = QualificationFactory()
    shared_core_task(viewed, 2)

    response = client.get(reverse("qualifications:qualification-detail", args=[viewed.crebo]))

    (part,) = response.context["profile_parts"]
    assert len(part.also_in) == 2
    assert part.also_in_more == 0
    assert "/ook-in/" not in response.content.decode()


@pytest.mark.django_db
def test_the_dossier_page_links_to_the_dossiers_full_list(client):
    viewed = QualificationFactory()
    CoreTaskFactory(file=viewed.file, title="Werken aan kwaliteit")
    for _ in range(ALSO_IN_SHOWN + 1):
        CoreTaskFactory(qualification=QualificationFactory(), title="Werken aan kwaliteit")

    response = client.get(reverse("qualifications:dossier-detail", args=[viewed.file.crebo]))

    (basis,) = response.context["parts"].basis
    assert basis.also_in_more == 1
    full_url = reverse("qualifications:dossier-also-in", args=[viewed.file.crebo, basis.code])
    assert full_url in response.content.decode()
    assert client.get(full_url).context["page_obj"].paginator.count == ALSO_IN_SHOWN + 1


@pytest.mark.django_db
def test_an_unknown_part_is_a_404(client):
    viewed = QualificationFactory()
    url = reverse("qualifications:qualification-also-in", args=[viewed.crebo, "X9-K9"])
    assert client.get(url).status_code == 404


@pytest.mark.django_db
# The view itself, every time (the page cache would answer the repeated request).
@override_settings(PAGE_CACHE=False)
def test_the_cached_list_is_served_without_computing_it_again(
    client, django_assert_max_num_queries
):
    viewed = QualificationFactory()
    shared_core_task(viewed, 3)
    url = reverse("qualifications:qualification-detail", args=[viewed.crebo])
    client.get(url)
    # The matching parts and their qualifications are no longer read.
    with django_assert_max_num_queries(6):
        response = client.get(url)
    (part,) = response.context["profile_parts"]
    assert len(part.also_in) == 3


@pytest.mark.django_db
def test_the_cached_list_follows_a_new_part_elsewhere(client):
    viewed = QualificationFactory()
    shared_core_task(viewed, 1)
    url = reverse("qualifications:qualification-detail", args=[viewed.crebo])
    assert len(client.get(url).context["profile_parts"][0].also_in) == 1

    newcomer = CoreTaskFactory(qualification=QualificationFactory(), title="Werken aan kwaliteit")

    (part,) = client.get(url).context["profile_parts"]
    assert newcomer.qualification.crebo in {entry.qualification.crebo for entry in part.also_in}


@pytest.mark.django_db
def test_the_cached_list_follows_a_renamed_qualification_and_a_deleted_part(client):
    viewed = QualificationFactory()
    (other,) = shared_core_task(viewed, 1)
    url = reverse("qualifications:qualification-detail", args=[viewed.crebo])
    client.get(url)

    other.title = "Nieuwe naam"
    other.save()
    (part,) = client.get(url).context["profile_parts"]
    assert part.also_in[0].qualification.title == "Nieuwe naam"

    other.core_tasks.all().delete()
    (part,) = client.get(url).context["profile_parts"]
    assert part.also_in == []


@pytest.mark.django_db
def test_an_sbb_import_forgets_the_cached_lists():
    # The importer writes in bulk (no signals): it renews the version itself.
    from core import aggregates
    from qualifications.selectors import CACHE_TOPIC
    from qualifications.services import import_sbb_file

    from .factories import sample_paths

    before = aggregates.version(CACHE_TOPIC)
    import_sbb_file(sample_paths()[0])
    assert aggregates.version(CACHE_TOPIC) != before


@pytest.mark.django_db
def test_the_national_generator_forgets_every_cached_aggregate():
    from core import aggregates
    from portal.national import generate_national

    before = aggregates.version(aggregates.EVERYTHING)
    generate_national(scale=0.01, seed=5, log=lambda line: None)
    assert aggregates.version(aggregates.EVERYTHING) != before
