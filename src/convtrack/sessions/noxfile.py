"""The noxfile `convtrack run` hands nox: one session per matrix cell (see convtrack.nox_cells).

It sits alone in this folder because nox puts a noxfile's folder on sys.path: next to convtrack's modules it
would let `bisect.py` or `site/` shadow the standard library's.
"""

from convtrack import nox_cells

nox_cells.define()
