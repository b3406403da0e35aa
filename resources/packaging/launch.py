"""The bundle's entry script: starts the aidviewer window, as the `aidviewer` command does.

PyInstaller needs a script file to start from; `aidviewer/app.py` uses relative imports
and cannot be one.
"""

import sys

from aidviewer.app import main

if __name__ == "__main__":
    sys.exit(main())
