"""The national qualification structure as published by SBB.

A qualification file (kwalificatiedossier) has a basis shared by all its
qualifications (profiles); core tasks and work processes belong to the basis
or to one profile and carry SBB codes such as ``B1-K1-W2`` or ``P2-K1``.
Electives (keuzedelen) are not tied nationally to a qualification.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

CREBO_VALIDATOR = RegexValidator(r"^\d{5}$", _("A crebo code has exactly 5 digits."))
ELECTIVE_CODE_VALIDATOR = RegexValidator(
    r"^K\d{4}$", _("A keuzedeel code is K followed by 4 digits.")
)
# A regional keuzedeel in the register: RK followed by 4 digits (interchange.md).
REGIONAL_ELECTIVE_PREFIX = "RK"
REGISTER_CODE_VALIDATOR = RegexValidator(
    r"^R?K\d{4}$",
    _("A keuzedeel code is K followed by 4 digits (RK and 4 digits for a regional one)."),
)


class Domain(models.Model):
    """Opleidingsdomein."""

    number = models.CharField(_("number"), max_length=10, unique=True)
    title = models.CharField(_("title"), max_length=200)
    crebo = models.CharField(_("crebo"), max_length=5, blank=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("training domain")
        verbose_name_plural = _("training domains")

    def __str__(self):
        return self.title


class SectorChamber(models.Model):
    """Sectorkamer of SBB."""

    number = models.CharField(_("number"), max_length=10, unique=True)
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        ordering = ["title"]
        verbose_name = _("sector chamber")
        verbose_name_plural = _("sector chambers")

    def __str__(self):
        return self.title


class QualificationFile(models.Model):
    """Kwalificatiedossier: one or more qualifications with a shared basis."""

    number = models.CharField(_("SBB number"), max_length=10, unique=True)
    crebo = models.CharField(_("crebo"), max_length=5, unique=True, validators=[CREBO_VALIDATOR])
    title = models.CharField(_("title"), max_length=300)
    normalized_title = models.CharField(max_length=300, db_index=True, editable=False, default="")
    status = models.CharField(_("status"), max_length=50)
    version = models.CharField(_("version"), max_length=50, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    end_of_intake = models.DateField(_("end of intake"), null=True, blank=True)
    end_of_programme = models.DateField(_("end of programme"), null=True, blank=True)
    domain = models.ForeignKey(
        Domain, verbose_name=_("domain"), on_delete=models.PROTECT, related_name="files"
    )
    sector_chamber = models.ForeignKey(
        SectorChamber,
        verbose_name=_("sector chamber"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="files",
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("qualification file")
        verbose_name_plural = _("qualification files")

    def __str__(self):
        return f"{self.title} ({self.crebo})"


class Qualification(models.Model):
    """Kwalificatie (profile of a file): one diploma programme with its own crebo."""

    file = models.ForeignKey(
        QualificationFile,
        verbose_name=_("qualification file"),
        on_delete=models.PROTECT,
        related_name="qualifications",
    )
    sbb_id = models.CharField(_("SBB id"), max_length=20)
    chapter = models.PositiveSmallIntegerField(_("profile number"))
    crebo = models.CharField(_("crebo"), max_length=5, unique=True, validators=[CREBO_VALIDATOR])
    title = models.CharField(_("title"), max_length=300)
    normalized_title = models.CharField(max_length=300, db_index=True, editable=False, default="")
    level = models.PositiveSmallIntegerField(
        _("level"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    study_load_hours = models.PositiveIntegerField(_("study load (SBU)"), null=True, blank=True)
    programme_kind = models.CharField(_("kind of programme"), max_length=100, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    end_of_intake = models.DateField(_("end of intake"), null=True, blank=True)
    end_of_programme = models.DateField(_("end of programme"), null=True, blank=True)

    class Meta:
        ordering = ["file__title", "chapter"]
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=4), name="qualification_level_1_to_4"
            ),
            models.UniqueConstraint(
                fields=["file", "chapter"], name="qualification_unique_chapter_in_file"
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.crebo})"


class CoreTask(models.Model):
    """Kerntaak of the basis (``qualification`` empty) or of one profile."""

    file = models.ForeignKey(
        QualificationFile,
        verbose_name=_("qualification file"),
        on_delete=models.CASCADE,
        related_name="core_tasks",
    )
    qualification = models.ForeignKey(
        Qualification,
        verbose_name=_("profile"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="core_tasks",
    )
    code = models.CharField(_("code"), max_length=20)  # B1-K1, P2-K1
    sbb_id = models.CharField(_("SBB id"), max_length=20)
    title = models.CharField(_("title"), max_length=500)
    normalized_title = models.CharField(max_length=500, db_index=True, editable=False)
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        ordering = ["file", "code"]
        verbose_name = _("core task")
        verbose_name_plural = _("core tasks")
        constraints = [
            models.UniqueConstraint(fields=["file", "code"], name="core_task_unique_code_in_file"),
        ]
        # The "also in" lists match parts by SBB id (qualifications.selectors).
        indexes = [models.Index(fields=["sbb_id"], name="core_task_sbb_id")]

    def __str__(self):
        return f"{self.code} {self.title}"

    @property
    def is_basis(self) -> bool:
        return self.qualification_id is None


class WorkProcess(models.Model):
    """Werkproces within a core task."""

    core_task = models.ForeignKey(
        CoreTask,
        verbose_name=_("core task"),
        on_delete=models.CASCADE,
        related_name="work_processes",
    )
    code = models.CharField(_("code"), max_length=25)  # B1-K1-W2
    sbb_id = models.CharField(_("SBB id"), max_length=20)
    title = models.CharField(_("title"), max_length=500)
    normalized_title = models.CharField(max_length=500, db_index=True, editable=False)
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        ordering = ["core_task", "position"]
        verbose_name = _("work process")
        verbose_name_plural = _("work processes")
        constraints = [
            models.UniqueConstraint(
                fields=["core_task", "code"], name="work_process_unique_code_in_core_task"
            ),
        ]
        # The "also in" lists match parts by SBB id (qualifications.selectors).
        indexes = [models.Index(fields=["sbb_id"], name="work_process_sbb_id")]

    def __str__(self):
        return f"{self.code} {self.title}"


class KnowledgeSkill(models.Model):
    """Vakkennis en vaardigheid linked to a core task."""

    core_task = models.ForeignKey(
        CoreTask,
        verbose_name=_("core task"),
        on_delete=models.CASCADE,
        related_name="knowledge_skills",
    )
    sbb_id = models.CharField(_("SBB id"), max_length=20, blank=True)
    text = models.TextField(_("text"))
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        ordering = ["core_task", "position"]
        verbose_name = _("knowledge or skill")
        verbose_name_plural = _("knowledge and skills")

    def __str__(self):
        return self.text


class ProfileAddition(models.Model):
    """What one profile adds to a basis core task or to one of its work processes
    (SBB: an `aanvullend` element in `complexiteitperprofiel`, `werkprocesgedragperprofiel`
    and the like), e.g. the extra complexity asked of a level-4 profile."""

    class Aspect(models.TextChoices):
        COMPLEXITY = "complexity", _("complexity")
        RESPONSIBILITY = "responsibility", _("responsibility and independence")
        KNOWLEDGE_SKILLS = "knowledge_skills", _("knowledge and skills")
        DESCRIPTION = "description", _("description")
        RESULT = "result", _("result")
        BEHAVIOUR = "behaviour", _("behaviour")
        COMPETENCES = "competences", _("competences")

    core_task = models.ForeignKey(
        CoreTask,
        verbose_name=_("core task"),
        on_delete=models.CASCADE,
        related_name="profile_additions",
    )
    work_process = models.ForeignKey(
        WorkProcess,
        verbose_name=_("work process"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="profile_additions",
    )
    qualification = models.ForeignKey(
        Qualification,
        verbose_name=_("profile"),
        on_delete=models.CASCADE,
        related_name="profile_additions",
    )
    aspect = models.CharField(_("aspect"), max_length=20, choices=Aspect.choices)
    text = models.TextField(_("text"))
    normalized_text = models.TextField(editable=False, default="")
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        ordering = ["core_task", "work_process", "position"]
        verbose_name = _("addition for a profile")
        verbose_name_plural = _("additions for profiles")

    def __str__(self):
        return f"{self.core_task.code} {self.get_aspect_display()}: {self.text[:50]}"


class ElectiveModule(models.Model):
    """Keuzedeel from the register: a national one (code K + 4 digits, imported
    from SBB's list) or a regional one (RK + 4 digits) that entered the register
    when the regionalised programme describing it was approved."""

    code = models.CharField(
        _("code"), max_length=6, unique=True, validators=[REGISTER_CODE_VALIDATOR]
    )
    title = models.CharField(_("title"), max_length=300)
    normalized_title = models.CharField(max_length=300, db_index=True, editable=False, default="")
    level = models.PositiveSmallIntegerField(
        _("level"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    study_load_hours = models.PositiveIntegerField(_("study load (SBU)"))
    has_certificate = models.BooleanField(_("leads to an mbo-certificate"), default=False)
    # Regional keuzedelen only (the register of regional keuzedelen, issue 15):
    is_regional = models.BooleanField(_("regional keuzedeel"), default=False, db_index=True)
    school = models.ForeignKey(
        "regions.Organisation",
        verbose_name=_("school"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="regional_electives",
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="regional_electives",
    )
    learning_outcomes = models.JSONField(_("learning outcomes"), default=list, blank=True)
    # The approved programme that described it: the submission's id and title
    # (no foreign key: the submissions app sits above this one).
    source_submission_id = models.PositiveBigIntegerField(
        _("programme (submission id)"), null=True, blank=True
    )
    source_title = models.CharField(_("programme"), max_length=300, blank=True)
    registered_on = models.DateField(_("registered on"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("elective module (keuzedeel)")
        verbose_name_plural = _("elective modules (keuzedelen)")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__isnull=True) | models.Q(level__gte=1, level__lte=4),
                name="elective_level_1_to_4",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(is_regional=False, code__startswith="K")
                    | models.Q(is_regional=True, code__startswith=REGIONAL_ELECTIVE_PREFIX)
                ),
                name="elective_regional_has_rk_code",
            ),
            # One register entry per regional keuzedeel of an approved programme,
            # also when the programme is approved again.
            models.UniqueConstraint(
                fields=["source_submission_id", "normalized_title"],
                condition=models.Q(is_regional=True),
                name="elective_one_entry_per_programme_keuzedeel",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"


class RegionalElectiveUse(models.Model):
    """An approved programme that names a regional keuzedeel by its RK code.

    Written when the programme is approved (and rewritten when it is approved
    again), so that the keuzedelen page can say where each one is used without
    reading the submissions app.
    """

    elective = models.ForeignKey(
        ElectiveModule,
        verbose_name=_("keuzedeel"),
        on_delete=models.CASCADE,
        related_name="uses",
    )
    submission_id = models.PositiveBigIntegerField(_("programme (submission id)"))
    title = models.CharField(_("programme"), max_length=300)
    school = models.ForeignKey(
        "regions.Organisation",
        verbose_name=_("school"),
        on_delete=models.PROTECT,
        related_name="regional_elective_uses",
    )
    approved_on = models.DateField(_("approved on"))

    class Meta:
        ordering = ["title"]
        verbose_name = _("use of a regional keuzedeel")
        verbose_name_plural = _("uses of regional keuzedelen")
        constraints = [
            models.UniqueConstraint(
                fields=["elective", "submission_id"], name="regional_elective_use_once"
            ),
        ]

    def __str__(self):
        return f"{self.elective.code} in {self.title}"


class VetCertificate(models.Model):
    """Mbo-certificaat attached to a profile (optionally one of its core tasks) or an elective."""

    title = models.CharField(_("title"), max_length=300)
    # The certificate's own code from the certificates CSV (empty for certificates read
    # from an SBB qualification file or from the keuzedelen CSV's certificate flag).
    code = models.CharField(_("code"), max_length=20, blank=True, default="")
    level = models.PositiveSmallIntegerField(
        _("level"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    # SBB's id (or "<crebo>-<position>") for certificates read from a qualification file.
    sbb_id = models.CharField(_("SBB id"), max_length=20, blank=True)
    qualification = models.ForeignKey(
        Qualification,
        verbose_name=_("qualification"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="certificates",
    )
    core_task = models.ForeignKey(
        CoreTask,
        verbose_name=_("core task"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="certificates",
    )
    elective = models.ForeignKey(
        ElectiveModule,
        verbose_name=_("elective module"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="certificates",
    )

    class Meta:
        verbose_name = _("mbo-certificate")
        verbose_name_plural = _("mbo-certificates")
        constraints = [
            models.CheckConstraint(
                condition=(
                    (
                        models.Q(elective__isnull=True)
                        & (
                            models.Q(core_task__isnull=False)
                            | models.Q(qualification__isnull=False)
                        )
                    )
                    | models.Q(
                        core_task__isnull=True, qualification__isnull=True, elective__isnull=False
                    )
                ),
                name="certificate_on_profile_core_task_or_elective",
            ),
            models.UniqueConstraint(
                fields=["code"], condition=~models.Q(code=""), name="certificate_unique_code"
            ),
            models.CheckConstraint(
                condition=models.Q(level__isnull=True) | models.Q(level__gte=1, level__lte=4),
                name="certificate_level_1_to_4",
            ),
        ]

    def __str__(self):
        if self.code:
            return f"{self.title} ({self.code})"
        return self.title

    @property
    def attached_to_part(self) -> bool:
        """True for a certificate on a vocational part (a core task or whole profile)."""
        return self.elective_id is None

    @property
    def sector_chamber(self):
        """The sector chamber of the qualification file of its part (None for a keuzedeel)."""
        if self.core_task_id:
            return self.core_task.file.sector_chamber
        if self.qualification_id:
            return self.qualification.file.sector_chamber
        return None


class ImportRun(models.Model):
    """One import of reference data (SBB XML or keuzedelen CSV): who, when, what changed."""

    class Kind(models.TextChoices):
        SBB_XML = "sbb_xml", _("SBB qualification file")
        ELECTIVES_CSV = "electives_csv", _("keuzedelen CSV")
        CERTIFICATES_CSV = "certificates_csv", _("mbo-certificates CSV")

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        SUCCEEDED = "succeeded", _("succeeded")
        FAILED = "failed", _("failed")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    file_name = models.CharField(_("file name"), max_length=255)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    added = models.PositiveIntegerField(_("added"), default=0)
    changed = models.PositiveIntegerField(_("changed"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    # A list of {"object": ..., "field": ..., "old": ..., "new": ...} entries.
    changes = models.JSONField(_("changes"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)
