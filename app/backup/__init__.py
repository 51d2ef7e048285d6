"""Backups: consistent copies, the portable dump, restore, the database check, retention."""
