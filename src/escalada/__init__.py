"""escalada: crisis news to verified PLOVER event data and an escalation picture."""

__version__ = "0.1.0"
__all__ = ["__version__"]
