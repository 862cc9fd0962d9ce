"""socialbot: social distribution for newsrooms."""

__version__ = "0.1.0"
