"""The reports app keeps no tables of its own yet: figures are computed from the other apps."""
