"""Callbacks: rules and use cases."""
