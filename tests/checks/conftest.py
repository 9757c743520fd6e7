"""The checker tests share ``checkrows`` (contract-shaped frames); make it importable by name."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
