"""What runs inside a cell's environment: the runner, its supervised worker, the stages, comparison, converters.

This subpackage imports nothing from the host side (pandas, jinja2, nox, the matrix, the site): a cell has only
its framework, onnx and onnxruntime installed, plus this package on its path. tests/test_cell_boundary.py
enforces it. Shared with the host: convtrack.outcomes, convtrack.store (the record), convtrack.suite (cases),
convtrack.defaults, and the generator convtrack.synthetic / synthetic_torch (left in place: their source bytes are
part of every synthetic case's hash).
"""
