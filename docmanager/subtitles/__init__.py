"""Subtitles: conformed export (and, with them, status and QC)."""
