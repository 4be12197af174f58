"""The base test case: Alice, Bob and Charlie (after healthchecks).

- Alice is a school author at an mbo institution: the owner of what a test makes.
- Bob is a school author at the same institution: may see Alice's data.
- Charlie is a school author at another institution: must see nothing of it.
National roles (SBB, inspectorate, ministry, administrator) are created as needed.
"""

from django.test import TestCase

from accounts.models import Role, User, admin_flags
from regions.models import Organisation, Region

PASSWORD = "password"


def make_user(username: str, organisation: Organisation, role: str = Role.SCHOOL_AUTHOR) -> User:
    """A user with the test password."""
    user = User(
        username=username,
        email=f"{username}@example.org",
        organisation=organisation,
        role=role,
        **admin_flags(role),
    )
    user.set_password(PASSWORD)
    user.save()
    return user


class BaseTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.region, _ = Region.objects.get_or_create(
            code="AM06", defaults={"name": "Stedendriehoek en Noordwest Veluwe"}
        )
        cls.other_region, _ = Region.objects.get_or_create(
            code="AM25", defaults={"name": "Midden-Brabant"}
        )
        cls.school = Organisation.objects.create(
            kind="mbo", code="25PZ", name="Alice's ROC", municipality="Deventer", region=cls.region
        )
        cls.other_school = Organisation.objects.create(
            kind="mbo",
            code="26QA",
            name="Charlie's ROC",
            municipality="Tilburg",
            region=cls.other_region,
        )
        cls.sbb = Organisation.objects.create(kind="sbb", code="SBB", name="SBB")
        cls.ministry = Organisation.objects.create(kind="ministry", code="OCW", name="OCW")
        cls.inspectorate = Organisation.objects.create(
            kind="inspectorate", code="INSP", name="Inspectie"
        )
        cls.alice = make_user("alice", cls.school)
        cls.bob = make_user("bob", cls.school)
        cls.charlie = make_user("charlie", cls.other_school)

    def make_national_user(self, role: str) -> User:
        organisation = {
            Role.SBB_REVIEWER: self.sbb,
            Role.INSPECTORATE_REVIEWER: self.inspectorate,
            Role.MINISTRY_STAFF: self.ministry,
            Role.ADMINISTRATOR: self.ministry,
        }[role]
        return make_user(role, organisation, role)

    def login(self, user: User) -> None:
        self.client.force_login(user)
