"""`python -m pipeline …` runs the `plans` command (no installed script needed)."""

from pipeline.cli import main

raise SystemExit(main())
