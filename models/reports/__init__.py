"""Printable reports written from domain values (no Qt, no database)."""
