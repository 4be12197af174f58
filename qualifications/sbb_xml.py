"""Read one SBB kwalificatiedossier XML file into plain dataclasses.

The XML is parsed with defusedxml: a DTD, an entity declaration or an external
reference is refused, so entity expansion ("billion laughs") and external-entity
attacks cannot work. Every element remembers its line so that errors can say
where they are.

Codes follow SBB's numbering by chapter (``hoofdstuk``): basis core task
``B1-K<k>`` with work processes ``B1-K<k>-W<w>``; core task ``k`` of profile
``N`` is ``P<N>-K<k>`` with work processes ``P<N>-K<k>-W<w>``.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser
from django.utils.translation import gettext as _

CREBO_PATTERN = re.compile(r"^\d{5}$")


class ImportFailed(Exception):
    """Bad reference-data input: one plain sentence naming the file and, where known, the line.

    Nothing of the file is written when this is raised.
    """

    def __init__(self, file_name: str, message: str, line: int | None = None):
        self.file_name = file_name
        self.line = line
        self.message = message
        if line:
            sentence = _("%(file)s, line %(line)s: %(message)s") % {
                "file": file_name,
                "line": line,
                "message": message,
            }
        else:
            sentence = _("%(file)s: %(message)s") % {"file": file_name, "message": message}
        super().__init__(sentence)


class SbbImportError(ImportFailed):
    """Bad SBB qualification file (not XML, wrong structure, unsafe XML, unknown reference)."""


@dataclass
class DomainData:
    number: str
    title: str
    crebo: str


@dataclass
class SectorChamberData:
    number: str
    title: str


@dataclass
class KnowledgeSkillData:
    sbb_id: str
    text: str
    position: int


@dataclass
class WorkProcessData:
    sbb_id: str
    code: str
    title: str
    position: int


@dataclass
class AdditionData:
    """What one profile adds to a basis core task or one of its work processes."""

    profile_sbb_id: str
    aspect: str
    text: str
    position: int
    work_process_sbb_id: str = ""


@dataclass
class CertificateData:
    """An mbo-certificate of a profile; ``core_task_sbb_id`` when it names a core task."""

    sbb_id: str
    title: str
    core_task_sbb_id: str = ""


@dataclass
class CoreTaskData:
    sbb_id: str
    code: str
    title: str
    position: int
    work_processes: list[WorkProcessData] = field(default_factory=list)
    knowledge_skills: list[KnowledgeSkillData] = field(default_factory=list)
    additions: list[AdditionData] = field(default_factory=list)


@dataclass
class ProfileData:
    sbb_id: str
    chapter: int
    crebo: str
    title: str
    level: int
    study_load_hours: int | None
    programme_kind: str
    valid_from: date | None
    end_of_intake: date | None
    end_of_programme: date | None
    core_tasks: list[CoreTaskData] = field(default_factory=list)
    certificates: list[CertificateData] = field(default_factory=list)


@dataclass
class DossierData:
    number: str
    crebo: str
    title: str
    status: str
    version: str
    valid_from: date | None
    end_of_intake: date | None
    end_of_programme: date | None
    domain_number: str
    sector_chamber_number: str
    line: int
    core_tasks: list[CoreTaskData] = field(default_factory=list)
    profiles: list[ProfileData] = field(default_factory=list)


@dataclass
class SbbFile:
    """Everything the importer needs from one file."""

    file_name: str
    domains: list[DomainData]
    sector_chambers: list[SectorChamberData]
    dossier: DossierData


class _LineNumberingParser(DefusedXMLParser):
    """The defused parser, recording the line of each start tag on the element."""

    def _start(self, tag, attr_list):
        element = super()._start(tag, attr_list)
        element.sourceline = self.parser.CurrentLineNumber
        return element


def _line(element: Element) -> int | None:
    return getattr(element, "sourceline", None)


def _text(value: str | None) -> str:
    """Strip and collapse whitespace."""
    return " ".join((value or "").split())


def _lines(value: str | None) -> str:
    """Strip and collapse whitespace within lines; keep the lines (lists in SBB texts)."""
    return "\n".join(line for line in (_text(line) for line in (value or "").splitlines()) if line)


# Per-profile additions (`<…perprofiel><aanvullend>`): the element that holds
# them, inside a core task or work process, and the aspect they add to.
ADDITION_ELEMENTS = (
    ("complexiteit/complexiteitperprofiel", "complexity"),
    ("verantwoordelijkheid/verantwoordelijkheidperprofiel", "responsibility"),
    ("vakkennisenvaardigheden/vakkennisenvaardighedenperprofiel", "knowledge_skills"),
    ("werkprocesomschrijving/werkprocesomschrijvingperprofiel", "description"),
    ("werkprocesresultaat/werkprocesresultaatperprofiel", "result"),
    ("werkprocesgedrag/werkprocesgedragperprofiel", "behaviour"),
    ("werkprocescompetenties/werkprocescompetentiesperprofiel", "competences"),
)


class _Reader:
    """Turns the element tree into dataclasses, raising SbbImportError on bad input."""

    def __init__(self, file_name: str):
        self.file_name = file_name
        self.competences: dict[str, str] = {}

    def fail(self, message: str, element: Element | None = None):
        raise SbbImportError(
            self.file_name, message, _line(element) if element is not None else None
        )

    def required(self, parent: Element, path: str) -> Element:
        element = parent.find(path)
        if element is None:
            self.fail(
                _("the element <%(path)s> is missing inside <%(parent)s>.")
                % {"path": path, "parent": parent.tag},
                parent,
            )
        return element

    def attribute(self, element: Element, name: str) -> str:
        value = _text(element.get(name))
        if not value:
            self.fail(
                _("the element <%(tag)s> has no %(name)s attribute.")
                % {"tag": element.tag, "name": name},
                element,
            )
        return value

    def chapter(self, element: Element) -> int:
        value = self.attribute(element, "hoofdstuk")
        if not value.isdigit() or int(value) < 1:
            self.fail(
                _('the chapter number "%(value)s" of <%(tag)s> is not a number.')
                % {"value": value, "tag": element.tag},
                element,
            )
        return int(value)

    def date(self, element: Element, name: str) -> date | None:
        value = _text(element.get(name))
        if not value:
            return None
        try:
            return datetime.strptime(value, "%d-%m-%Y").date()
        except ValueError:
            self.fail(
                _('the date %(name)s="%(value)s" is not a date in the form dd-mm-yyyy.')
                % {"name": name, "value": value},
                element,
            )

    def crebo(self, element: Element | None, parent: Element, what: str) -> str:
        value = _text(element.text) if element is not None else ""
        if not value:
            self.fail(
                _("%(owner)s has no crebo code.") % {"owner": what},
                element if element is not None else parent,
            )
        if not CREBO_PATTERN.match(value):
            self.fail(
                _('the crebo code "%(value)s" of %(owner)s is not 5 digits.')
                % {"value": value, "owner": what},
                element,
            )
        return value

    def read(self, root: Element) -> SbbFile:
        if root.tag != "sbb":
            self.fail(
                _("the root element is <%(tag)s>, but an SBB qualification file starts with <sbb>.")
                % {"tag": root.tag},
                root,
            )
        domains = [
            DomainData(
                number=self.attribute(element, "nr"),
                title=_text(element.get("titel")),
                crebo=_text(element.get("crebo")),
            )
            for element in root.findall("domeinen/domein")
        ]
        chambers = [
            SectorChamberData(
                number=self.attribute(element, "nr"), title=_text(element.get("titel"))
            )
            for element in root.findall("sectorkamers/sectorkamer")
        ]
        self.competences = {
            _text(item.get("nr")): _text(item.get("titel"))
            for item in root.findall("competenties/competentie")
        }
        dossiers = root.findall("dossiers/dossier")
        if len(dossiers) != 1:
            self.fail(
                _("the file holds %(count)s <dossier> elements instead of exactly one.")
                % {"count": len(dossiers)},
                root,
            )
        return SbbFile(
            file_name=self.file_name,
            domains=domains,
            sector_chambers=chambers,
            dossier=self.dossier(dossiers[0]),
        )

    def dossier(self, element: Element) -> DossierData:
        crebos = element.findall("dossiercrebos/dossiercrebo")
        crebo_element = crebos[0] if crebos else None
        crebos_element = element.find("dossiercrebos")
        crebo = self.crebo(
            crebo_element,
            crebos_element if crebos_element is not None else element,
            _("the dossier"),
        )
        chamber = element.find("voorblad/omschrijving/penvoerder/sectorkamer")
        knowledge = {
            _text(item.get("nr")): _text(item.get("titel"))
            for item in element.findall("kennisenvaardigheden/kennisofvaardigheid")
        }
        dossier = DossierData(
            number=self.attribute(element, "nr"),
            crebo=crebo,
            title=self.attribute(element, "titel"),
            status=_text(element.get("status")),
            version=_text(element.get("versie")),
            valid_from=self.date(crebo_element, "Geldig_vanaf"),
            end_of_intake=self.date(crebo_element, "Datum_einde_instroom"),
            end_of_programme=self.date(crebo_element, "Datum_einde_opleiding"),
            domain_number=self.attribute(element, "referentiedomein"),
            sector_chamber_number=_text(chamber.get("referentie")) if chamber is not None else "",
            line=_line(element) or 0,
        )
        basis = element.findall("basis/basistaken/basiskerntaken/kerntaak")
        dossier.core_tasks = [
            self.core_task(task, "B1", "basiswerkprocessen", knowledge) for task in basis
        ]
        additions = [
            (task, self.additions(task_element, knowledge))
            for task, task_element in zip(dossier.core_tasks, basis, strict=True)
        ]
        seen_chapters = set()
        for profile in element.findall("profielen/profiel"):
            data = self.profile(profile, knowledge)
            if data.chapter in seen_chapters:
                self.fail(
                    _("two profiles have chapter number %(chapter)s.") % {"chapter": data.chapter},
                    profile,
                )
            seen_chapters.add(data.chapter)
            dossier.profiles.append(data)
        # An addition for a profile the file does not (or no longer) hold has
        # nothing to attach to; it is left out like the profile itself.
        profile_ids = {profile.sbb_id for profile in dossier.profiles}
        for task, found in additions:
            task.additions = [
                addition for addition in found if addition.profile_sbb_id in profile_ids
            ]
        self.check_unique_codes(dossier, element)
        return dossier

    def additions(self, task: Element, knowledge: dict[str, str]) -> list[AdditionData]:
        """Every non-empty per-profile addition of a basis core task and its work
        processes, in document order."""
        found = []
        owners = [(task, "")] + [
            (process, self.attribute(process, "nr"))
            for process in task.findall("basiswerkprocessen/werkproces")
        ]
        for owner, process_id in owners:
            for path, aspect in ADDITION_ELEMENTS:
                for addition in owner.findall(f"{path}/aanvullend"):
                    profile = addition.find("profiel")
                    if profile is None:
                        self.fail(_("an <aanvullend> element names no <profiel>."), addition)
                    text = self.addition_text(addition, knowledge)
                    if not text:
                        continue
                    data = AdditionData(
                        profile_sbb_id=self.attribute(profile, "referentie"),
                        aspect=aspect,
                        text=text,
                        position=len(found) + 1,
                        work_process_sbb_id=process_id,
                    )
                    found.append(data)
        return found

    def addition_text(self, addition: Element, knowledge: dict[str, str]) -> str:
        """The text of an addition: its own text, or the knowledge, skills or
        competences it refers to, one per line."""
        lines = []
        for child in addition:
            if child.tag == "profiel":
                continue
            text = _lines(child.text)
            if text:
                lines.append(text)
            for reference in child.iter():
                sbb_id = _text(reference.get("referentie"))
                if reference is child or not sbb_id:
                    continue
                titles = self.competences if reference.tag == "competentie" else knowledge
                if sbb_id not in titles:
                    self.fail(
                        _("an addition refers to %(id)s, which the file does not list.")
                        % {"id": sbb_id},
                        reference,
                    )
                lines.append(titles[sbb_id])
        return "\n".join(lines)

    def check_unique_codes(self, dossier: DossierData, element: Element) -> None:
        tasks = dossier.core_tasks + [t for p in dossier.profiles for t in p.core_tasks]
        codes = [task.code for task in tasks]
        codes += [process.code for task in tasks for process in task.work_processes]
        ids = [task.sbb_id for task in tasks]
        ids += [process.sbb_id for task in tasks for process in task.work_processes]
        ids += [profile.sbb_id for profile in dossier.profiles]
        duplicate_ids = sorted(sbb_id for sbb_id, count in Counter(ids).items() if count > 1)
        if duplicate_ids:
            self.fail(
                _("the SBB id %(id)s is used by more than one profile, core task or work process.")
                % {"id": duplicate_ids[0]},
                element,
            )
        duplicates = sorted(code for code, count in Counter(codes).items() if count > 1)
        if duplicates:
            self.fail(
                _("the code %(code)s occurs more than once.") % {"code": duplicates[0]}, element
            )

    def profile(self, element: Element, knowledge: dict[str, str]) -> ProfileData:
        chapter = self.chapter(element)
        level_text = self.attribute(element, "niveau")
        if not level_text.isdigit() or not 1 <= int(level_text) <= 4:
            self.fail(
                _('the level "%(value)s" of a profile is not 1, 2, 3 or 4.')
                % {"value": level_text},
                element,
            )
        description = element.find("omschrijving")
        sbu_element = description.find("sbu") if description is not None else None
        sbu_text = _text(sbu_element.text) if sbu_element is not None else ""
        if sbu_text and not sbu_text.isdigit():
            self.fail(
                _('the study load "%(value)s" is not a whole number of hours.')
                % {"value": sbu_text},
                sbu_element,
            )
        kind_element = description.find("soortopleiding") if description is not None else None
        crebo_element = element.find("creboinformatie/crebo")
        title = self.attribute(element, "titel")
        profile = ProfileData(
            sbb_id=self.attribute(element, "nr"),
            chapter=chapter,
            crebo=self.crebo(
                crebo_element, element, _('the profile "%(title)s"') % {"title": title}
            ),
            title=title,
            level=int(level_text),
            study_load_hours=int(sbu_text) if sbu_text else None,
            programme_kind=_text(kind_element.text) if kind_element is not None else "",
            valid_from=self.date(crebo_element, "Geldig_vanaf"),
            end_of_intake=self.date(crebo_element, "Datum_einde_instroom"),
            end_of_programme=self.date(crebo_element, "Datum_einde_opleiding"),
        )
        profile.core_tasks = [
            self.core_task(task, f"P{chapter}", "profielwerkprocessen", knowledge)
            for task in element.findall("profielkerntaken/kerntaak")
        ]
        certificates = description.find("certificaten") if description is not None else None
        if certificates is not None:
            profile.certificates = self.certificates(certificates, profile)
        return profile

    def certificates(self, element: Element, profile: ProfileData) -> list[CertificateData]:
        """Each child of <certificaten> is one certificate.

        The title comes from a ``titel`` attribute or the element's text; an
        optional ``referentie`` (or a ``<kerntaak referentie>`` child) names the
        core task by SBB id. The SBB id is ``nr`` or, failing that, the position.
        """
        task_ids = {task.sbb_id for task in profile.core_tasks}
        result = []
        for position, child in enumerate(element, start=1):
            title = _text(child.get("titel")) or _text(child.text)
            if not title:
                self.fail(
                    _("a certificate of profile %(crebo)s has no title.")
                    % {"crebo": profile.crebo},
                    child,
                )
            reference = _text(child.get("referentie") or child.get("kerntaak"))
            task_element = child.find("kerntaak")
            if not reference and task_element is not None:
                reference = _text(task_element.get("referentie"))
            if reference and reference not in task_ids:
                self.fail(
                    _(
                        'the certificate "%(title)s" names core task %(reference)s, which is '
                        "not a core task of profile %(crebo)s."
                    )
                    % {"title": title, "reference": reference, "crebo": profile.crebo},
                    child,
                )
            sbb_id = _text(child.get("nr")) or f"{profile.crebo}-{position}"
            result.append(CertificateData(sbb_id=sbb_id, title=title, core_task_sbb_id=reference))
        return result

    def core_task(
        self, element: Element, prefix: str, processes_tag: str, knowledge: dict[str, str]
    ) -> CoreTaskData:
        code = f"{prefix}-K{self.chapter(element)}"
        task = CoreTaskData(
            sbb_id=self.attribute(element, "nr"),
            code=code,
            title=self.attribute(element, "titel"),
            position=self.chapter(element),
        )
        for position, process in enumerate(element.findall(f"{processes_tag}/werkproces"), 1):
            task.work_processes.append(
                WorkProcessData(
                    sbb_id=self.attribute(process, "nr"),
                    code=f"{code}-W{self.chapter(process)}",
                    title=self.attribute(process, "titel"),
                    position=position,
                )
            )
        seen = set()
        references = element.findall("vakkennisenvaardigheden/vakkennisenvaardigheden")
        for reference in references:
            sbb_id = self.attribute(reference, "referentie")
            if sbb_id not in knowledge:
                self.fail(
                    _(
                        "core task %(code)s refers to knowledge or skill %(id)s, "
                        "which the file does not list."
                    )
                    % {"code": code, "id": sbb_id},
                    reference,
                )
            if sbb_id in seen:
                continue
            seen.add(sbb_id)
            task.knowledge_skills.append(
                KnowledgeSkillData(sbb_id=sbb_id, text=knowledge[sbb_id], position=len(seen))
            )
        return task


def parse_sbb_bytes(data: bytes, file_name: str) -> SbbFile:
    """Parse the bytes of one SBB file; raise SbbImportError on any bad input."""
    parser = _LineNumberingParser(forbid_dtd=True, forbid_entities=True, forbid_external=True)
    try:
        parser.feed(data)
        root = parser.close()
    except ParseError as error:
        line = error.position[0] if getattr(error, "position", None) else None
        reason = str(error).split(":")[0]
        raise SbbImportError(
            file_name, _("this is not well-formed XML (%(reason)s).") % {"reason": reason}, line
        ) from None
    except DefusedXmlException as error:
        line = parser.parser.CurrentLineNumber
        kind = type(error).__name__
        sentences = {
            "DTDForbidden": _(
                "a document type declaration (DTD) is not allowed, so the file is refused."
            ),
            "EntitiesForbidden": _("entity declarations are not allowed, so the file is refused."),
            "ExternalReferenceForbidden": _(
                "references to external files are not allowed, so the file is refused."
            ),
        }
        sentence = sentences.get(
            kind, _("unsafe XML constructs are not allowed, so the file is refused.")
        )
        raise SbbImportError(file_name, sentence, line) from None
    return _Reader(file_name).read(root)


def parse_sbb_file(path: str | Path) -> SbbFile:
    """Parse one SBB file from disk (the caller checks the size first)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SbbImportError(
            path.name, _("the file cannot be read (%(reason)s).") % {"reason": error.strerror}
        ) from None
    return parse_sbb_bytes(data, path.name)
