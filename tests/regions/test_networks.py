"""Regional networks: propose, join, withdraw, confirm/decline — who may do what.

Alice proposes for her organisation; Bob (same organisation) may see and act on
it; Charlie (another organisation) sees nothing of the proposal and cannot act
on it; only administrators confirm or decline.
"""

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import Role
from regions import services
from regions.models import Network, NetworkEvent, NetworkMembership
from tests.base import BaseTestCase


def dutch(message: str) -> str:
    """The message as the (Dutch by default) pages show it."""
    with translation.override("nl"):
        return translation.gettext(message)


class NetworkTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.active = Network.objects.create(
            name="Zorgroute Deventer",
            kind="vmbo_mbo",
            sector="Zorg",
            region=cls.region,
            status="active",
        )

    def setUp(self):
        self.admin = self.make_national_user(Role.ADMINISTRATOR)

    def propose_as(self, user, **data):
        self.login(user)
        payload = {
            "name": "Techniekroute Salland",
            "kind": "craftsmanship_route",
            "sector": "Techniek",
            "region": self.region.pk,
            "start_year": "2022",
            "description": "Van vmbo naar mbo techniek.",
            **data,
        }
        return self.client.post(reverse("regions:network_propose"), payload)

    def alices_proposal(self) -> Network:
        self.propose_as(self.alice)
        self.client.logout()
        return Network.objects.get(name="Techniekroute Salland")


class ProposeTests(NetworkTestCase):
    def test_anonymous_is_sent_to_login(self):
        response = self.client.get(reverse("regions:network_propose"))
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("login"), response["Location"])

    def test_national_roles_may_not_propose(self):
        for role in (Role.SBB_REVIEWER, Role.MINISTRY_STAFF, Role.ADMINISTRATOR):
            user = self.admin if role == Role.ADMINISTRATOR else self.make_national_user(role)
            self.login(user)
            self.assertEqual(self.client.get(reverse("regions:network_propose")).status_code, 403)
        self.assertEqual(self.propose_as(self.admin).status_code, 403)
        self.assertFalse(Network.objects.filter(status="proposed").exists())

    def test_alice_proposes_with_her_organisation_as_lead_and_it_is_logged(self):
        self.assertEqual(self.client.get(reverse("regions:network_propose")).status_code, 302)
        response = self.propose_as(self.alice)
        network = Network.objects.get(name="Techniekroute Salland")
        self.assertRedirects(response, reverse("regions:network_detail", args=[network.pk]))
        self.assertEqual(network.status, Network.Status.PROPOSED)
        lead = network.memberships.get()
        self.assertEqual((lead.organisation, lead.role), (self.school, "lead"))
        event = network.events.get()
        self.assertEqual((event.action, event.actor), (NetworkEvent.Action.PROPOSED, self.alice))

    def test_bad_input_is_explained_and_typed_text_kept(self):
        response = self.propose_as(self.alice, kind="", start_year="1850")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "form-field--invalid")
        self.assertContains(response, 'value="Techniekroute Salland"')
        self.assertContains(response, "Van vmbo naar mbo techniek.")
        self.assertFalse(Network.objects.filter(name="Techniekroute Salland").exists())

    def test_an_implausible_start_year_alone_is_a_form_error_not_a_crash(self):
        response = self.propose_as(self.alice, start_year="1850")
        self.assertEqual(response.status_code, 200)
        self.assertIn("start_year", response.context["form"].errors)
        self.assertFalse(Network.objects.filter(name="Techniekroute Salland").exists())


class VisibilityTests(NetworkTestCase):
    def test_a_proposal_is_seen_by_its_organisation_and_administrators_only(self):
        network = self.alices_proposal()
        url = reverse("regions:network_detail", args=[network.pk])
        self.assertEqual(self.client.get(url).status_code, 404)  # anonymous
        for user, status in (
            (self.alice, 200),
            (self.bob, 200),
            (self.charlie, 404),
            (self.admin, 200),
        ):
            self.login(user)
            self.assertEqual(self.client.get(url).status_code, status, user.username)

    def test_public_list_shows_confirmed_networks_only(self):
        network = self.alices_proposal()
        response = self.client.get(reverse("regions:network_list"))
        names = [n.name for n in response.context["page"]]
        self.assertEqual(names, ["Zorgroute Deventer"])
        self.login(self.charlie)
        names = [n.name for n in self.client.get(reverse("regions:network_list")).context["page"]]
        self.assertNotIn(network.name, names)
        self.login(self.bob)
        names = [n.name for n in self.client.get(reverse("regions:network_list")).context["page"]]
        self.assertIn(network.name, names)

    def test_list_filters_by_region_kind_and_sector(self):
        Network.objects.create(
            name="STO Tilburg",
            kind="sto",
            sector="Techniek",
            region=self.other_region,
            status="active",
        )
        url = reverse("regions:network_list")

        def names(**params):
            return [n.name for n in self.client.get(url, params).context["page"]]

        self.assertEqual(names(region="AM25"), ["STO Tilburg"])
        self.assertEqual(names(kind="vmbo_mbo"), ["Zorgroute Deventer"])
        self.assertEqual(names(sector="techn"), ["STO Tilburg"])
        self.assertEqual(names(q="zorgroute"), ["Zorgroute Deventer"])
        response = self.client.get(url, {"sector": "ruimtevaart"})
        self.assertContains(response, "empty-state")

    def test_audit_log_is_shown_to_administrators_only(self):
        network = self.alices_proposal()
        url = reverse("regions:network_detail", args=[network.pk])
        self.login(self.alice)
        self.assertIsNone(self.client.get(url).context["events"])
        self.login(self.admin)
        events = list(self.client.get(url).context["events"])
        self.assertEqual([(e.action, e.actor) for e in events], [("proposed", self.alice)])

    def test_an_event_whose_actor_was_deleted_is_shown_without_an_error(self):
        """Finding 5 of issue 12: deleting a user left events without an actor and
        the administrator's network page answered 500."""
        network = self.alices_proposal()
        proposer = NetworkEvent.objects.get(network=network).actor
        proposer.delete()
        self.assertIsNone(NetworkEvent.objects.get(network=network).actor)
        self.login(self.admin)
        response = self.client.get(reverse("regions:network_detail", args=[network.pk]))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, dutch("a deleted user"))

    def test_network_list_queries_do_not_grow(self):
        url = reverse("regions:network_list")
        self.client.get(url)
        # count, regions for the filter, one page of networks
        with self.assertNumQueries(3):
            self.client.get(url)
        for number in range(20):
            Network.objects.create(
                name=f"N{number}", kind="sto", region=self.region, status="active"
            )
        with self.assertNumQueries(3):
            self.client.get(url)


class ConfirmTests(NetworkTestCase):
    def test_only_administrators_confirm(self):
        network = self.alices_proposal()
        url = reverse("regions:network_confirm", args=[network.pk])
        self.assertEqual(self.client.post(url).status_code, 302)  # to login
        for user in (
            self.alice,
            self.bob,
            self.charlie,
            self.make_national_user(Role.SBB_REVIEWER),
        ):
            self.login(user)
            self.assertEqual(self.client.post(url).status_code, 403, user.username)
        network.refresh_from_db()
        self.assertEqual(network.status, Network.Status.PROPOSED)

        self.login(self.admin)
        response = self.client.post(url)
        self.assertRedirects(response, reverse("regions:network_review"))
        network.refresh_from_db()
        self.assertEqual(network.status, Network.Status.ACTIVE)
        lead = network.memberships.get()
        self.assertEqual((lead.status, lead.joined), ("confirmed", timezone.localdate()))
        event = network.events.get(action=NetworkEvent.Action.CONFIRMED)
        self.assertEqual(event.actor, self.admin)
        self.assertIsNotNone(event.at)
        self.assertEqual((event.from_state, event.to_state), ("proposed", "active"))

    def test_confirming_twice_is_refused_with_a_message(self):
        network = self.alices_proposal()
        self.login(self.admin)
        url = reverse("regions:network_confirm", args=[network.pk])
        self.client.post(url)
        response = self.client.post(url, follow=True)
        self.assertContains(response, dutch("This network is not waiting for confirmation."))
        self.assertEqual(network.events.filter(action="confirmed").count(), 1)

    def test_a_note_sent_with_a_confirmation_is_ignored(self):
        network = self.alices_proposal()
        self.login(self.admin)
        response = self.client.post(
            reverse("regions:network_confirm", args=[network.pk]), {"note": "Prima."}
        )
        self.assertRedirects(response, reverse("regions:network_review"))
        network.refresh_from_db()
        self.assertEqual(network.status, Network.Status.ACTIVE)
        self.assertEqual(network.events.get(action="confirmed").note, "")

    def test_administrator_declines_with_a_note(self):
        network = self.alices_proposal()
        self.login(self.admin)
        self.client.post(
            reverse("regions:network_decline", args=[network.pk]), {"note": "Bestaat al."}
        )
        network.refresh_from_db()
        self.assertEqual(network.status, Network.Status.DECLINED)
        event = network.events.get(action="declined")
        self.assertEqual((event.actor, event.note), (self.admin, "Bestaat al."))
        self.assertEqual((event.from_state, event.to_state), ("proposed", "declined"))

    def test_review_page_lists_pending_proposals_and_join_requests_for_administrators(self):
        network = self.alices_proposal()
        services.request_to_join(user=self.charlie, network=self.active)
        url = reverse("regions:network_review")
        self.assertEqual(self.client.get(url).status_code, 302)
        for user in (self.alice, self.charlie):
            self.login(user)
            self.assertEqual(self.client.get(url).status_code, 403)
        self.login(self.admin)
        response = self.client.get(url)
        self.assertEqual([n.pk for n in response.context["proposals"]], [network.pk])
        self.assertEqual(
            [m.organisation for m in response.context["join_requests"]], [self.other_school]
        )
        self.assertContains(response, reverse("regions:network_confirm", args=[network.pk]))

    def test_review_page_queries_do_not_grow(self):
        self.login(self.admin)
        url = reverse("regions:network_review")
        services.propose_network(user=self.alice, name="First", kind="sto", region=self.region)
        with CaptureQueriesContext(connection) as one_proposal:
            self.client.get(url)
        for number in range(8):
            services.propose_network(
                user=self.alice, name=f"P{number}", kind="sto", region=self.region
            )
        # The same number of queries for nine proposals as for one.
        with self.assertNumQueries(len(one_proposal)):
            self.client.get(url)


class JoinTests(NetworkTestCase):
    def test_charlie_asks_to_join_for_his_own_organisation(self):
        self.login(self.charlie)
        url = reverse("regions:network_join", args=[self.active.pk])
        # An organisation in the form data is ignored: one joins for one's own organisation.
        self.client.post(url, {"organisation": self.school.pk})
        membership = self.active.memberships.get()
        self.assertEqual(
            (membership.organisation, membership.status, membership.role),
            (self.other_school, "requested", "member"),
        )
        event = self.active.events.get()
        self.assertEqual((event.action, event.actor), ("join_requested", self.charlie))

    def test_asking_twice_gets_a_message(self):
        self.login(self.alice)
        url = reverse("regions:network_join", args=[self.active.pk])
        self.client.post(url)
        response = self.client.post(url, follow=True)
        self.assertContains(
            response, dutch("Your organisation is already a member or has already asked.")
        )
        self.assertEqual(self.active.memberships.count(), 1)

    def test_anonymous_and_national_roles_cannot_join(self):
        url = reverse("regions:network_join", args=[self.active.pk])
        self.assertEqual(self.client.post(url).status_code, 302)
        self.login(self.make_national_user(Role.SBB_REVIEWER))
        self.assertEqual(self.client.post(url).status_code, 403)
        self.assertFalse(self.active.memberships.exists())

    def test_charlie_cannot_join_or_withdraw_alices_proposal(self):
        network = self.alices_proposal()
        self.login(self.charlie)
        self.assertEqual(
            self.client.post(reverse("regions:network_join", args=[network.pk])).status_code, 404
        )
        self.assertEqual(
            self.client.post(reverse("regions:network_withdraw", args=[network.pk])).status_code,
            404,
        )
        with self.assertRaises(PermissionDenied):
            services.withdraw_proposal(user=self.charlie, network=network)
        network.refresh_from_db()
        self.assertEqual(network.status, Network.Status.PROPOSED)
        self.assertEqual(network.memberships.count(), 1)

    def test_detail_page_offers_join_and_withdraw_buttons_only_to_who_may_use_them(self):
        join_url = reverse("regions:network_join", args=[self.active.pk])
        active_url = reverse("regions:network_detail", args=[self.active.pk])
        self.assertNotContains(self.client.get(active_url), join_url)  # anonymous
        self.login(self.charlie)
        self.assertContains(self.client.get(active_url), join_url)
        self.login(self.admin)
        self.assertNotContains(self.client.get(active_url), join_url)

        network = self.alices_proposal()
        withdraw_url = reverse("regions:network_withdraw", args=[network.pk])
        proposal_url = reverse("regions:network_detail", args=[network.pk])
        self.login(self.bob)
        self.assertContains(self.client.get(proposal_url), withdraw_url)
        self.login(self.admin)
        self.assertNotContains(self.client.get(proposal_url), withdraw_url)

    def test_bob_may_withdraw_his_organisations_proposal(self):
        network = self.alices_proposal()
        self.login(self.bob)
        self.client.post(reverse("regions:network_withdraw", args=[network.pk]))
        network.refresh_from_db()
        self.assertEqual(network.status, Network.Status.WITHDRAWN)
        self.assertEqual(network.events.get(action="withdrawn").actor, self.bob)

    def test_only_administrators_confirm_a_join_request(self):
        membership = services.request_to_join(user=self.charlie, network=self.active)
        url = reverse("regions:membership_confirm", args=[membership.pk])
        for user in (self.alice, self.charlie):
            self.login(user)
            self.assertEqual(self.client.post(url).status_code, 403)
        membership.refresh_from_db()
        self.assertEqual(membership.status, "requested")
        self.login(self.admin)
        self.client.post(url)
        membership.refresh_from_db()
        self.assertEqual(
            (membership.status, membership.joined), ("confirmed", timezone.localdate())
        )
        self.assertEqual(self.active.events.get(action="join_confirmed").actor, self.admin)

    def test_administrator_declines_a_join_request(self):
        membership = services.request_to_join(user=self.charlie, network=self.active)
        self.login(self.admin)
        self.client.post(reverse("regions:membership_decline", args=[membership.pk]))
        membership.refresh_from_db()
        self.assertEqual(membership.status, NetworkMembership.Status.DECLINED)
