"""Parsing Vietnamese notation: numbers, dates, numeric mentions and place names."""
