"""Qt widgets of Kefu Desk. Talks to ``app/`` only."""
