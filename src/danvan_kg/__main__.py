"""Allow ``python -m danvan_kg``."""

from danvan_kg.cli import main

raise SystemExit(main())
