"""`python -m byline` runs the command line."""

from byline.cli import main

main()
