from django.urls import path

from . import views

app_name = "statements"

urlpatterns = [
    path("praktijkverklaringen/", views.statement_list, name="list"),
    path("praktijkverklaringen/nieuw/", views.statement_create, name="create"),
    path("praktijkverklaringen/toetsen/", views.statement_check, name="check"),
    path("praktijkverklaringen/uploaden/", views.statement_upload, name="upload"),
    path("praktijkverklaringen/<int:pk>/", views.statement_detail, name="detail"),
    path("praktijkverklaringen/<int:pk>/pdf/", views.statement_pdf, name="pdf"),
    path("praktijkverklaringen/<int:pk>/intrekken/", views.statement_withdraw, name="withdraw"),
    path("verificatie/", views.verify_lookup, name="verify-lookup"),
    path("verificatie/<str:code>/", views.verify, name="verify"),
]
