"""The command line and what it drives: check runs and the HTML check report."""
