"""One nox session per matrix cell, for the checkout: the same sessions as the packaged noxfile.

    nox -l                       list every cell (tags: full, stable/rc, and each preset name)
    nox -t quick                 run the cells of the quick preset
    CONVTRACK_PRESET=quick nox -t quick   ... with the preset's opsets and modes only

`convtrack run --preset quick` is the usual entry point: it sets the run id and preset, calls nox, and
builds the site. Opsets and exporter modes loop inside each session (they need no new environment).
convtrack must be installed (`pip install -e .`): this file imports it, it does not edit sys.path.
"""

from convtrack import nox_cells

nox_cells.define()
