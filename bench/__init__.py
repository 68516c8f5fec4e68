"""Load test of the public pages: `make bench` runs `python -m bench` (see bench/__main__.py)."""
