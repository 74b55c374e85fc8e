"""python -m converter: the xbrl-convert command line."""
from .cli import main

main(prog_name="xbrl-convert")
