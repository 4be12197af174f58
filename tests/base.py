"""The base test case: Alice, Bob and Charlie (after healthchecks).

- Alice is a school author at an mbo institution: the owner of what a test makes.
- Bob is a school author at the same institution: may see Alice's data.
- Charlie is a school author at another institution: must see nothing of it.
National roles (SBB, inspectorate, ministry, administrator) are created as needed.

View tests inherit `BaseTestCase`; pytest-style tests use the `personas` fixture
(conftest.py), built by the same `make_personas()`.
"""

from dataclasses import dataclass

from django.conf import settings
from django.test import TestCase

from accounts.models import Role, User, admin_flags
from regions.models import Organisation, Region

PASSWORD = "password"


def session_queries() -> int:
    """The queries a logged-in request spends on reading its session: none when
    sessions are read from the shared cache (CACHE_URL set, as in CI), else one."""
    return 0 if settings.SESSION_ENGINE.endswith("cached_db") else 1


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


@dataclass
class Personas:
    """The people and organisations of every test: Alice and Bob (school authors
    at one mbo institution), Charlie (a school author at another), and the
    national bodies whose users are made on demand by `national(role)`."""

    region: Region
    other_region: Region
    school: Organisation
    other_school: Organisation
    sbb: Organisation
    ministry: Organisation
    inspectorate: Organisation
    alice: User
    bob: User
    charlie: User

    def national(self, role: str) -> User:
        """A user with a national role, at the organisation of that role."""
        organisation = {
            Role.SBB_REVIEWER: self.sbb,
            Role.INSPECTORATE_REVIEWER: self.inspectorate,
            Role.MINISTRY_STAFF: self.ministry,
            Role.ADMINISTRATOR: self.ministry,
        }[role]
        return make_user(role, organisation, role)


def make_personas() -> Personas:
    """Create the personas (see `Personas`) in the test database."""
    region, _ = Region.objects.get_or_create(
        code="AM06", defaults={"name": "Stedendriehoek en Noordwest Veluwe"}
    )
    other_region, _ = Region.objects.get_or_create(code="AM25", defaults={"name": "Midden-Brabant"})
    school = Organisation.objects.create(
        kind="mbo", code="25PZ", name="Alice's ROC", municipality="Deventer", region=region
    )
    other_school = Organisation.objects.create(
        kind="mbo", code="26QA", name="Charlie's ROC", municipality="Tilburg", region=other_region
    )
    return Personas(
        region=region,
        other_region=other_region,
        school=school,
        other_school=other_school,
        sbb=Organisation.objects.create(kind="sbb", code="SBB", name="SBB"),
        ministry=Organisation.objects.create(kind="ministry", code="OCW", name="OCW"),
        inspectorate=Organisation.objects.create(
            kind="inspectorate", code="INSP", name="Inspectie"
        ),
        alice=make_user("alice", school),
        bob=make_user("bob", school),
        charlie=make_user("charlie", other_school),
    )


class BaseTestCase(TestCase):
    """Test case with the personas as class attributes (`self.alice`, `self.school`, …);
    pytest-style tests ask for the `personas` fixture instead."""

    @classmethod
    def setUpTestData(cls):
        cls.personas = make_personas()
        for name, value in vars(cls.personas).items():
            setattr(cls, name, value)

    def make_national_user(self, role: str) -> User:
        return self.personas.national(role)

    def login(self, user: User) -> None:
        self.client.force_login(user)
