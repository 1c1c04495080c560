"""Settings shared by every test directory."""

import os

# A swapped warehouse is read at once (no warm-up in the background), so a test that publishes
# a file and reads it sees the new data; tests/access/test_atomic_swap.py tests the warm-up.
os.environ.setdefault("ASIAKASTIETO_WARM_SWITCH", "0")
