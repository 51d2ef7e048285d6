"""Use cases and rules of Kefu Desk: plain Python over ``models``, shared by the GUI and the CLI."""

from app import clock as _clock  # noqa: F401  # installs the one clock for the tables' defaults
from app import validation as _validation  # noqa: F401,E402  # checks every stored text
