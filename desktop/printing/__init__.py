"""Printable documents (reportlab). Fonts are registered once per process."""
