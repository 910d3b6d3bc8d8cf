"""dronewatch: drone use by cartels and armed groups, as a traceable intelligence picture."""

__version__ = "0.1.0"
