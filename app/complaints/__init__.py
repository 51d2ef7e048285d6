"""Complaints: rules and use cases."""
