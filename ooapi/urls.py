"""/ooapi/v5/: the OOAPI v5 publication (paths as in the specification)."""

from django.urls import path, re_path

from . import views

app_name = "ooapi"

urlpatterns = [
    path("", views.service, name="service"),
    path("organizations", views.organization_list, name="organizations"),
    path("organizations/<str:organization_id>", views.organization_detail, name="organization"),
    path(
        "organizations/<str:organization_id>/programs",
        views.organization_programs,
        name="organization-programs",
    ),
    path(
        "organizations/<str:organization_id>/courses",
        views.organization_courses,
        name="organization-courses",
    ),
    path(
        "organizations/<str:organization_id>/education-specifications",
        views.organization_specifications,
        name="organization-education-specifications",
    ),
    path(
        "organizations/<str:organization_id>/offerings",
        views.organization_offerings,
        name="organization-offerings",
    ),
    path("education-specifications", views.specification_list, name="education-specifications"),
    path(
        "education-specifications/<str:specification_id>",
        views.specification_detail,
        name="education-specification",
    ),
    path(
        "education-specifications/<str:specification_id>/education-specifications",
        views.specification_children,
        name="education-specification-children",
    ),
    path(
        "education-specifications/<str:specification_id>/programs",
        views.specification_programs,
        name="education-specification-programs",
    ),
    path(
        "education-specifications/<str:specification_id>/courses",
        views.specification_courses,
        name="education-specification-courses",
    ),
    path("programs", views.program_list, name="programs"),
    path("programs/<str:program_id>", views.program_detail, name="program"),
    path("programs/<str:program_id>/offerings", views.program_offerings, name="program-offerings"),
    path("courses", views.course_list, name="courses"),
    path("courses/<str:course_id>", views.course_detail, name="course"),
    path("offerings/<str:offering_id>", views.offering_detail, name="offering"),
    re_path(r"^(?P<rest>.*)$", views.unknown, name="unknown"),
]
