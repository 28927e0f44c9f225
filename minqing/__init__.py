"""minqing: 民情日记 records — validate, track issues, weekly quotas, household archives, monthly volumes."""

__version__ = "0.1.0"
