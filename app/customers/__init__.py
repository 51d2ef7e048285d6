"""Customers: rules and use cases."""
