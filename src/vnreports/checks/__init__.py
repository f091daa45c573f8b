"""Checks on the built data: Great Expectations suites and Data Docs."""
