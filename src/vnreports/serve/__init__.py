"""Serving analysts: read-only SQL, the HTML report, notebook helpers and the data dictionary."""
