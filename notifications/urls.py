from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("alles-gelezen/", views.mark_all_read, name="mark-all-read"),
    path("<int:pk>/", views.notification_open, name="open"),
]
