"""convtrack: regression tracker for deep-learning model converters.

The host side (matrix, store, analysis, site, cli) imports only the standard library, pandas and jinja2.
Frameworks are imported only inside a cell's runner process.
"""

__version__ = "0.2.0"
