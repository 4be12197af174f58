"""Drafting: the browser editor for a document before it is sent."""
