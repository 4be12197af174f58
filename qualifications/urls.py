from django.urls import path, re_path

from . import certificate_views, import_views, learner_views, views

app_name = "qualifications"

urlpatterns: list = [
    # Public browse, search and transparency pages (views.py).
    path("", views.dossier_list, name="dossier-list"),
    re_path(r"^dossiers/(?P<crebo>\d{5})/$", views.dossier_detail, name="dossier-detail"),
    re_path(r"^(?P<crebo>\d{5})/$", views.qualification_detail, name="qualification-detail"),
    re_path(
        r"^(?P<crebo>\d{5})/ook-in/(?P<code>[\w-]{1,40})/$",
        views.qualification_also_in,
        name="qualification-also-in",
    ),
    re_path(
        r"^dossiers/(?P<crebo>\d{5})/ook-in/(?P<code>[\w-]{1,40})/$",
        views.dossier_also_in,
        name="dossier-also-in",
    ),
    path("vergelijken/", views.compare, name="compare"),
    path("wat-heb-ik-nog-nodig/", views.still_needed, name="still-needed"),
    path("zoek/", views.qualification_options, name="qualification-options"),
    path("keuzedelen/", views.elective_list, name="elective-list"),
    re_path(r"^keuzedelen/(?P<code>R?K\d{4})/$", views.elective_detail, name="elective-detail"),
    path("certificaten/", certificate_views.certificate_list, name="certificate-list"),
    # For learners and adults (learner_views.py): a choice space, Sandra's path.
    path("keuzeruimte/", learner_views.choice_space, name="choice-space"),
    re_path(
        r"^dossiers/(?P<crebo>\d{5})/onderdelen/(?P<code>[BP]\d+-K\d+(?:-W\d+)?)/$",
        learner_views.part_path,
        name="part-path",
    ),
    # Import of reference data for SBB and administrators (import_views.py).
    path("import/", import_views.import_page, name="import"),
    path("import/<int:pk>/", import_views.import_detail, name="import-detail"),
    path("import/<int:pk>/status/", import_views.import_status, name="import-status"),
]
