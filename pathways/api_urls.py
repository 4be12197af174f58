"""API routes of the pathways app, mounted under /api/."""

urlpatterns: list = []
