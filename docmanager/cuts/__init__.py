"""Rough cuts: timelines exported for editing applications."""
