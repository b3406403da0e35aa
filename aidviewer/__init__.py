"""aidviewer: a desktop catalogue of aid records and the meetings where aid is discussed."""

# The one place the version is written: pyproject.toml reads it from here when the package
# is built, and the window reads it without asking the installed metadata (which costs a
# noticeable part of start-up).
__version__ = "0.1.0"
