from django.urls import path

from submissions.drafting import views as draft_views
from submissions.intake import views
from submissions.review import views as review_views

app_name = "submissions"

urlpatterns = [
    path("", views.submission_list, name="list"),
    path("nieuw/", views.submission_upload, name="upload"),
    path("regels/", views.rules_page, name="rules"),
    # Drafting in the browser (draft_views.py).
    path("concept/nieuw/", draft_views.draft_create, name="draft-create"),
    path("concept/<int:pk>/", draft_views.draft_edit, name="draft-edit"),
    path(
        "concept/zoek/kwalificatie/",
        draft_views.qualification_choices,
        name="draft-qualification-choices",
    ),
    path(
        "concept/zoek/kwalificaties/",
        draft_views.qualification_options,
        name="draft-qualifications",
    ),
    path(
        "concept/zoek/organisaties/", draft_views.organisation_options, name="draft-organisations"
    ),
    path("concept/zoek/keuzedelen/", draft_views.elective_options, name="draft-electives"),
    path("concept/kerntaken/", draft_views.core_task_options, name="draft-core-tasks"),
    path("<int:pk>/", views.submission_detail, name="detail"),
    path("<int:pk>/nieuwe-versie/", views.version_upload, name="version-upload"),
    path("<int:pk>/versies/<int:number>/status/", views.version_status, name="version-status"),
    path(
        "<int:pk>/versies/<int:number>/download/", views.version_download, name="version-download"
    ),
    # The review workflow (review_views).
    path("beoordelen/", review_views.review_queue, name="review-queue"),
    path("<int:pk>/beoordeling/", review_views.review_page, name="review"),
    path("<int:pk>/indienen/", review_views.submit_view, name="submit"),
    path("<int:pk>/intrekken/", review_views.withdraw_view, name="withdraw"),
    path("<int:pk>/commentaar/", review_views.comment_view, name="comment"),
    path("<int:pk>/besluit/", review_views.decide_view, name="decide"),
    path(
        "<int:pk>/inspectie-inschakelen/",
        review_views.call_in_inspectorate_view,
        name="call-in-inspectorate",
    ),
    path("<int:pk>/verschil/", review_views.diff_view, name="diff"),
]
