"""API routes of the regions app, mounted under /api/."""

urlpatterns: list = []
