"""API routes of the experiments app, mounted under /api/."""

urlpatterns: list = []
