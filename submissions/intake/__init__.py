"""Intake: uploads, versions and their validation reports."""
