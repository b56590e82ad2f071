"""fieldapp: offline assessments for fair-trade and cooperative networks."""

__version__ = "0.1.0"
