"""``python -m govreport``: the command line."""

from govreport.app.cli import main

raise SystemExit(main())
