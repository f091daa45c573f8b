"""Lạng Sơn report figures: from narrative reports to a quoted, validated warehouse."""

__version__ = "0.1.0"
