"""Use cases and rules of Kefu Desk: plain Python over ``models``, shared by the GUI and the CLI."""
