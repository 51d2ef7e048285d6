"""The contact register and the work log: the screens."""
