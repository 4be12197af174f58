"""Writes of the regions app: imports of regions and organisations, and the
life cycle of regional networks (propose, join, confirm, decline, withdraw).

Every import is idempotent (a second run changes nothing) and all-or-nothing
(one bad row rolls the whole file back).
"""

import csv
import json
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role
from accounts.permissions import user_has_role
from core import boundary

from .models import (
    BRIN_VALIDATOR,
    KVK_VALIDATOR,
    MEMBERSHIP_TRANSITIONS,
    NETWORK_TRANSITIONS,
    Network,
    NetworkEvent,
    NetworkMembership,
    Organisation,
    Region,
)
from .topojson import TopoJSONError, features

# Decimal places kept for stored coordinates (the CBS file is quantized to 0.001°).
COORDINATE_DECIMALS = 6
ORGANISATION_COLUMNS = ["kind", "code", "name", "municipality", "region"]


@dataclass
class ImportResult:
    """What an import did."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def summary(self, what: str) -> str:
        """One plain English line for the import commands, e.g. 'Regions: nothing changed …'."""
        if not self.changed:
            return f"{what}: nothing changed ({self.unchanged} already up to date)."
        return (
            f"{what}: {self.created} created, {self.updated} updated, {self.unchanged} unchanged."
        )


class InputError(Exception):
    """A file could not be imported; `problems` holds (line, sentence) pairs."""

    def __init__(self, path: str, problems: list[tuple[int, str]]):
        self.path = path
        self.problems = problems
        super().__init__(str(self))

    def __str__(self):
        return "\n".join(
            _("%(file)s, line %(line)d: %(message)s")
            % {"file": self.path, "line": line, "message": message}
            for line, message in self.problems
        )


def _round_coordinates(value):
    if isinstance(value, float):
        return round(value, COORDINATE_DECIMALS)
    if isinstance(value, list):
        return [_round_coordinates(item) for item in value]
    return value


def read_region_features(path: Path) -> list[dict]:
    """Read the CBS TopoJSON file and return one dict per region: code, name, geometry."""
    try:
        topology = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(
            str(path), [(1, _("The file cannot be read as JSON: %s") % error)]
        ) from error
    try:
        decoded = list(features(topology))
    except (TopoJSONError, KeyError, TypeError, IndexError) as error:
        raise InputError(
            str(path), [(1, _("The file is not valid TopoJSON: %s") % error)]
        ) from error
    regions = []
    problems = []
    for number, feature in enumerate(decoded, start=1):
        properties = feature["properties"]
        code = properties.get("statcode", "")
        name = properties.get("statnaam", "")
        try:
            Region._meta.get_field("code").run_validators(code)
        except ValidationError:
            problems.append(
                (
                    1,
                    _("Region %(number)d has no valid statcode (%(code)r).")
                    % {"number": number, "code": code},
                )
            )
            continue
        if not name:
            problems.append((1, _("Region %(code)s has no statnaam.") % {"code": code}))
            continue
        geometry = feature["geometry"]
        if geometry is not None:
            geometry = {
                "type": geometry["type"],
                "coordinates": _round_coordinates(geometry["coordinates"]),
            }
        regions.append({"code": code, "name": name, "geometry": geometry})
    if not problems and not regions:
        problems.append((1, _("The file holds no regions.")))
    if problems:
        raise InputError(str(path), problems)
    return regions


@transaction.atomic
def import_regions(path: Path) -> ImportResult:
    """Create or update the labour-market regions from a CBS TopoJSON file."""
    result = ImportResult()
    existing = {region.code: region for region in Region.objects.all()}
    for row in read_region_features(path):
        region = existing.get(row["code"])
        if region is None:
            Region.objects.create(**row)
            result.created += 1
        elif region.name != row["name"] or region.geometry != row["geometry"]:
            region.name = row["name"]
            region.geometry = row["geometry"]
            region.save(update_fields=["name", "geometry"])
            result.updated += 1
        else:
            result.unchanged += 1
    return result


def _check_organisation_row(row: dict, regions: dict, kinds: set) -> list[str]:
    """Plain sentences for everything wrong with one CSV row (empty when it is fine)."""
    problems = []
    kind = row["kind"]
    code = row["code"]
    if kind not in kinds:
        problems.append(
            _("Unknown kind %(kind)r; use one of: %(kinds)s.")
            % {"kind": kind, "kinds": ", ".join(sorted(kinds))}
        )
    if not code:
        problems.append(_("The code is empty."))
    elif kind in Organisation.SCHOOL_KINDS:
        try:
            BRIN_VALIDATOR(code)
        except ValidationError:
            problems.append(
                _("%(code)r is not a BRIN code (two digits and two capital letters, e.g. 25PZ).")
                % {"code": code}
            )
    elif kind == Organisation.Kind.COMPANY:
        try:
            KVK_VALIDATOR(code)
        except ValidationError:
            problems.append(_("%(code)r is not a KvK number (exactly 8 digits).") % {"code": code})
    if len(code) > Organisation._meta.get_field("code").max_length:
        problems.append(_("The code is longer than 20 characters."))
    if not row["name"]:
        problems.append(_("The name is empty."))
    elif len(row["name"]) > Organisation._meta.get_field("name").max_length:
        problems.append(_("The name is longer than 200 characters."))
    if len(row["municipality"]) > Organisation._meta.get_field("municipality").max_length:
        problems.append(_("The municipality is longer than 100 characters."))
    if row["region"] and row["region"] not in regions:
        problems.append(
            _("Unknown region %(region)r; use a CBS labour-market region code such as AM06.")
            % {"region": row["region"]}
        )
    return problems


def read_organisations_csv(path: Path) -> list[tuple[int, dict]]:
    """Read and check an organisations CSV; return (line, row) pairs.

    Raises `InputError` listing every bad line, so nothing is written.
    """
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(name, [(1, _("The file is not UTF-8 text."))]) from error
    except OSError as error:
        raise InputError(name, [(0, _("The file cannot be read: %s") % error.strerror)]) from error
    reader = csv.reader(text.splitlines())
    header = next(reader, None)
    if header is None:
        raise InputError(name, [(1, _("The file is empty; it needs a header row."))])
    header = [column.strip() for column in header]
    if header != ORGANISATION_COLUMNS:
        raise InputError(
            name,
            [
                (
                    1,
                    _("The header row must be %(expected)s, not %(found)s.")
                    % {"expected": ",".join(ORGANISATION_COLUMNS), "found": ",".join(header)},
                )
            ],
        )
    regions = set(Region.objects.values_list("code", flat=True))
    kinds = set(Organisation.Kind.values)
    rows = []
    problems = []
    first_line = {}
    for values in reader:
        line = reader.line_num
        if not any(value.strip() for value in values):
            continue
        if len(values) != len(ORGANISATION_COLUMNS):
            problems.append(
                (
                    line,
                    _("The row has %(found)d columns; it needs %(expected)d (%(columns)s).")
                    % {
                        "found": len(values),
                        "expected": len(ORGANISATION_COLUMNS),
                        "columns": ",".join(ORGANISATION_COLUMNS),
                    },
                )
            )
            continue
        try:
            boundary.check_row(values, ORGANISATION_COLUMNS)
        except boundary.Refused as refused:
            problems.append((line, refused.render()))
            continue
        row = dict(zip(ORGANISATION_COLUMNS, (value.strip() for value in values), strict=True))
        row_problems = _check_organisation_row(row, regions, kinds)
        if row["code"] in first_line:
            row_problems.append(
                _("Code %(code)s already appears on line %(line)d.")
                % {"code": row["code"], "line": first_line[row["code"]]}
            )
        else:
            first_line[row["code"]] = line
        problems.extend((line, problem) for problem in row_problems)
        rows.append((line, row))
    if problems:
        raise InputError(name, problems)
    return rows


@transaction.atomic
def import_organisations(path: Path, *, is_demo: bool = False) -> ImportResult:
    """Create or update organisations (matched on code) from a CSV file.

    All-or-nothing: when any row is wrong, `InputError` is raised and nothing
    is written. `is_demo` marks every row as fictitious demo data.
    """
    rows = read_organisations_csv(path)
    regions = {region.code: region for region in Region.objects.all()}
    existing = {
        organisation.code: organisation
        for organisation in Organisation.objects.filter(
            code__in=[row["code"] for _line, row in rows]
        )
    }
    result = ImportResult()
    for _line, row in rows:
        values = {
            "kind": row["kind"],
            "name": row["name"],
            "municipality": row["municipality"],
            "region": regions.get(row["region"]),
            "is_demo": is_demo,
        }
        organisation = existing.get(row["code"])
        if organisation is None:
            Organisation.objects.create(code=row["code"], **values)
            result.created += 1
            continue
        changed = [name for name, value in values.items() if getattr(organisation, name) != value]
        if changed:
            for name in changed:
                setattr(organisation, name, values[name])
            organisation.save(update_fields=[*changed, "updated_at"])
            result.updated += 1
        else:
            result.unchanged += 1
    return result


# --- Networks -------------------------------------------------------------------


def _require_school_author(user) -> Organisation:
    """The user's school; PermissionDenied unless a school author at an mbo or vmbo school."""
    if not user_has_role(user, [Role.SCHOOL_AUTHOR]):
        raise PermissionDenied(_("Only school authors can do this."))
    if user.organisation.kind not in Organisation.SCHOOL_KINDS:
        raise PermissionDenied(_("Only staff of an mbo or vmbo school can do this."))
    return user.organisation


def _require_administrator(user) -> None:
    if not user_has_role(user, [Role.ADMINISTRATOR]):
        raise PermissionDenied(_("Only administrators can confirm or decline."))


def _log(network, action, actor, membership=None, note="", from_state="", to_state=""):
    return NetworkEvent.objects.create(
        network=network,
        membership=membership,
        action=action,
        actor=actor,
        note=note,
        from_state=from_state,
        to_state=to_state,
    )


@transaction.atomic
def propose_network(
    *,
    user,
    name: str,
    kind: str,
    region: Region,
    sector: str = "",
    start_year: int | None = None,
    description: str = "",
) -> Network:
    """A school author proposes a network; their organisation becomes its lead.

    The network stays `proposed` (not public) until an administrator confirms it.
    """
    organisation = _require_school_author(user)
    network = Network(
        name=name,
        kind=kind,
        region=region,
        sector=sector,
        start_year=start_year,
        description=description,
        status=Network.Status.PROPOSED,
    )
    network.full_clean()
    network.save()
    membership = NetworkMembership.objects.create(
        network=network,
        organisation=organisation,
        role=NetworkMembership.Role.LEAD,
        status=NetworkMembership.Status.REQUESTED,
    )
    _log(network, NetworkEvent.Action.PROPOSED, user, membership, to_state=network.status)
    return network


@transaction.atomic
def request_to_join(*, user, network: Network) -> NetworkMembership:
    """A school author asks that their organisation joins an active network."""
    organisation = _require_school_author(user)
    network = Network.objects.select_for_update().get(pk=network.pk)
    NETWORK_TRANSITIONS.check(network.status, "join")
    membership = NetworkMembership.objects.filter(
        network=network, organisation=organisation
    ).first()
    from_state = membership.status if membership else ""
    if membership:
        MEMBERSHIP_TRANSITIONS.check(membership.status, "request")
    if membership is None:
        membership = NetworkMembership.objects.create(
            network=network,
            organisation=organisation,
            role=NetworkMembership.Role.MEMBER,
            status=NetworkMembership.Status.REQUESTED,
        )
    else:
        membership.status = MEMBERSHIP_TRANSITIONS.target("request")
        membership.role = NetworkMembership.Role.MEMBER
        membership.save(update_fields=["status", "role"])
    _log(
        network,
        NetworkEvent.Action.JOIN_REQUESTED,
        user,
        membership,
        from_state=from_state,
        to_state=membership.status,
    )
    return membership


@transaction.atomic
def withdraw_proposal(*, user, network: Network) -> Network:
    """The proposing school withdraws its own network proposal before it is confirmed."""
    organisation = _require_school_author(user)
    network = Network.objects.select_for_update().get(pk=network.pk)
    is_lead = network.memberships.filter(
        organisation=organisation, role=NetworkMembership.Role.LEAD
    ).exists()
    if not is_lead:
        raise PermissionDenied(_("Only the proposing organisation can withdraw this proposal."))
    NETWORK_TRANSITIONS.check(network.status, "withdraw")
    from_state, network.status = network.status, NETWORK_TRANSITIONS.target("withdraw")
    network.save(update_fields=["status"])
    _log(
        network, NetworkEvent.Action.WITHDRAWN, user, from_state=from_state, to_state=network.status
    )
    return network


@transaction.atomic
def confirm_network(*, user, network: Network) -> Network:
    """An administrator confirms a proposed network: it becomes active and public."""
    _require_administrator(user)
    network = Network.objects.select_for_update().get(pk=network.pk)
    NETWORK_TRANSITIONS.check(network.status, "confirm")
    from_state, network.status = network.status, NETWORK_TRANSITIONS.target("confirm")
    network.save(update_fields=["status"])
    # The requests made with the proposal (the lead's own) are confirmed with it.
    network.memberships.filter(status__in=MEMBERSHIP_TRANSITIONS.sources("confirm")).update(
        status=MEMBERSHIP_TRANSITIONS.target("confirm"), joined=timezone.localdate()
    )
    _log(
        network, NetworkEvent.Action.CONFIRMED, user, from_state=from_state, to_state=network.status
    )
    return network


@transaction.atomic
def decline_network(*, user, network: Network, note: str = "") -> Network:
    """An administrator declines a proposed network."""
    _require_administrator(user)
    network = Network.objects.select_for_update().get(pk=network.pk)
    NETWORK_TRANSITIONS.check(network.status, "decline")
    from_state, network.status = network.status, NETWORK_TRANSITIONS.target("decline")
    network.save(update_fields=["status"])
    _log(
        network,
        NetworkEvent.Action.DECLINED,
        user,
        note=note,
        from_state=from_state,
        to_state=network.status,
    )
    return network


@transaction.atomic
def confirm_membership(*, user, membership: NetworkMembership) -> NetworkMembership:
    """An administrator confirms a request to join an active network."""
    _require_administrator(user)
    membership = NetworkMembership.objects.select_for_update().get(pk=membership.pk)
    MEMBERSHIP_TRANSITIONS.check(membership.status, "confirm")
    NETWORK_TRANSITIONS.check(membership.network.status, "confirm_member")
    from_state, membership.status = membership.status, MEMBERSHIP_TRANSITIONS.target("confirm")
    membership.joined = timezone.localdate()
    membership.save(update_fields=["status", "joined"])
    _log(
        membership.network,
        NetworkEvent.Action.JOIN_CONFIRMED,
        user,
        membership,
        from_state=from_state,
        to_state=membership.status,
    )
    return membership


@transaction.atomic
def decline_membership(*, user, membership: NetworkMembership, note: str = "") -> NetworkMembership:
    """An administrator declines a request to join a network."""
    _require_administrator(user)
    membership = NetworkMembership.objects.select_for_update().get(pk=membership.pk)
    MEMBERSHIP_TRANSITIONS.check(membership.status, "decline")
    from_state, membership.status = membership.status, MEMBERSHIP_TRANSITIONS.target("decline")
    membership.save(update_fields=["status"])
    _log(
        membership.network,
        NetworkEvent.Action.JOIN_DECLINED,
        user,
        membership,
        note=note,
        from_state=from_state,
        to_state=membership.status,
    )
    return membership
