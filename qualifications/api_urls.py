"""API routes of the qualifications app, mounted under /api/."""

urlpatterns: list = []
