"""What runs inside a cell's environment: the runner, its supervised worker, the stages, comparison, converters,
and the torch side of the synthetic generator.

This subpackage imports nothing from the host side (pandas, jinja2, nox, the matrix, the site): a cell has only
its framework, onnx and onnxruntime installed, plus this package on its path. tests/test_cell_boundary.py
enforces it. Shared with the host: convtrack.outcomes, convtrack.store (the record), convtrack.suite (cases),
convtrack.defaults, convtrack.converter_info (what each converter is), and the generator convtrack.synthetic /
synthetic_graph. The host never imports this subpackage: it starts `python -m convtrack.cell.runner`.
"""
