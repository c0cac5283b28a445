"""Lexicons of general knowledge: place names and demonyms, titles, cue words.

These hold general vocabulary only, never names from any corpus we measure on.
"""
