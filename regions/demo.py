"""Fictitious demo data for `make run`: organisations (from demo/organisations.csv)
and regional networks in the regions the documents mention (Deventer and
Apeldoorn, Assen, Zwolle, Midden-Limburg, Midden-Brabant, Ottoland/Houten).

Everything is marked `is_demo`. Schools have BRIN codes starting with 99,
companies KvK numbers 9999xxxx.
"""

from datetime import date
from pathlib import Path

from django.db import transaction

from .models import Network, NetworkEvent, NetworkMembership, Organisation, Region
from .services import ImportResult, import_organisations

DEMO_ORGANISATIONS_CSV = Path(__file__).resolve().parent / "demo" / "organisations.csv"

LEAD = NetworkMembership.Role.LEAD
MEMBER = NetworkMembership.Role.MEMBER
PARTNER = NetworkMembership.Role.COMPANY_PARTNER

# (name, kind, sector, region, start year, status, description, [(code, role)])
DEMO_NETWORKS = [
    (
        "Demo Zorgroute Deventer",
        Network.Kind.PREVOCATIONAL_VET_NETWORK,
        "Zorg en welzijn",
        "AM06",
        2020,
        Network.Status.ACTIVE,
        "Doorlopende leerlijn van vmbo naar Dienstverlening mbo 2, met stages in de regio.",
        [("99XA", LEAD), ("99XB", MEMBER), ("99990001", PARTNER)],
    ),
    (
        "Demo Dienstverlening Apeldoorn en Deventer",
        Network.Kind.CRAFTSMANSHIP_ROUTE,
        "Dienstverlening",
        "AM06",
        2019,
        Network.Status.ACTIVE,
        "Vakmanschapsroute dienstverlening, begeleid door het programma Sterk beroepsonderwijs.",
        [("99XC", LEAD), ("99XA", MEMBER), ("99990002", PARTNER)],
    ),
    (
        "Demo Horecanetwerk Assen",
        Network.Kind.PREVOCATIONAL_VET_NETWORK,
        "Horeca",
        "AM03",
        2020,
        Network.Status.ACTIVE,
        "Samenwerking vmbo–mbo–horeca in en rond Assen.",
        [("99XD", LEAD), ("99XE", MEMBER), ("99990003", PARTNER)],
    ),
    (
        "Demo STO-regio Zwolle",
        Network.Kind.STO_REGION,
        "Techniek",
        "AM36",
        2020,
        Network.Status.ACTIVE,
        "Sterk Techniekonderwijs: brede samenwerking van vmbo, mbo en technische bedrijven.",
        [("99XG", LEAD), ("99XF", MEMBER), ("99990004", PARTNER)],
    ),
    (
        "Demo Zorgpact Midden-Limburg",
        Network.Kind.HEALTH_PACT_REGION,
        "Zorg en welzijn",
        "AM33",
        2016,
        Network.Status.ACTIVE,
        "Regionaal zorgpact van zorgaanbieders, scholen en gemeenten.",
        [("99XH", LEAD), ("99XJ", MEMBER), ("99990005", PARTNER)],
    ),
    (
        "Demo Sport en Bewegen Midden-Brabant",
        Network.Kind.PREVOCATIONAL_VET_NETWORK,
        "Sport en bewegen",
        "AM26",
        2021,
        Network.Status.ACTIVE,
        "Doorlopende route sport en bewegen van vmbo naar mbo.",
        [("99XK", LEAD), ("99XL", MEMBER), ("99990006", PARTNER)],
    ),
    (
        "Demo Groene route Ottoland en Houten",
        Network.Kind.CRAFTSMANSHIP_ROUTE,
        "Groen",
        "AM13",
        2020,
        Network.Status.ACTIVE,
        "Groene vakmanschapsroute van vmbo naar mbo met kwekerijen en hoveniers.",
        [("99XM", LEAD), ("99XN", MEMBER), ("99990007", PARTNER), ("99990008", PARTNER)],
    ),
    (
        "Demo Centrum voor innovatief vakmanschap Zorgtechnologie",
        Network.Kind.INNOVATIVE_CRAFTSMANSHIP_CENTRE,
        "Zorgtechnologie",
        "AM06",
        2017,
        Network.Status.ENDED,
        "Publiek-private samenwerking rond zorgtechnologie (afgerond).",
        [("99XA", LEAD), ("99990001", PARTNER)],
    ),
    (
        "Demo Techniekroute Salland (voorstel)",
        Network.Kind.CRAFTSMANSHIP_ROUTE,
        "Techniek",
        "AM06",
        2022,
        Network.Status.PROPOSED,
        "Voorstel: technologieroute van vmbo De Brink naar het mbo.",
        [("99XB", LEAD)],
    ),
]


def load_demo_organisations() -> ImportResult:
    """Import the demo organisations CSV (regions must be imported first)."""
    return import_organisations(DEMO_ORGANISATIONS_CSV, is_demo=True)


@transaction.atomic
def load_demo_networks() -> int:
    """Create or update the demo networks and their members; return how many."""
    regions = {region.code: region for region in Region.objects.defer("geometry")}
    codes = {code for *_rest, members in DEMO_NETWORKS for code, _role in members}
    organisations = Organisation.objects.in_bulk(codes, field_name="code")
    for name, kind, sector, region, start_year, status, description, members in DEMO_NETWORKS:
        network, _created = Network.objects.update_or_create(
            name=name,
            defaults={
                "kind": kind,
                "sector": sector,
                "region": regions[region],
                "start_year": start_year,
                "status": status,
                "description": description,
                "is_demo": True,
            },
        )
        confirmed = status != Network.Status.PROPOSED
        for code, role in members:
            NetworkMembership.objects.update_or_create(
                network=network,
                organisation=organisations[code],
                defaults={
                    "role": role,
                    "status": (
                        NetworkMembership.Status.CONFIRMED
                        if confirmed
                        else NetworkMembership.Status.REQUESTED
                    ),
                    "joined": None if not confirmed else _joined(start_year),
                },
            )
        if not network.events.exists():
            NetworkEvent.objects.create(
                network=network,
                action=NetworkEvent.Action.CONFIRMED if confirmed else NetworkEvent.Action.PROPOSED,
                note="Demo",
            )
    return len(DEMO_NETWORKS)


def _joined(start_year: int) -> date:
    """Demo members joined at the start of the school year the network started."""
    return date(start_year, 9, 1)
