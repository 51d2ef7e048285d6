"""Roster: rules and use cases."""
