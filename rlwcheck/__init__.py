"""rlwcheck: check pay against the statutory minimum and the Real Living Wage."""

__version__ = "0.1.0"
