"""aidviewer: a desktop catalogue of aid records and the meetings where aid is discussed."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("aidviewer")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
