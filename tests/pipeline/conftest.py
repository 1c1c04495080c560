import pytest


@pytest.fixture
def demo(demo_city):
    """The session's demo city (tests/installations.py), read-only: a test that refreshes or
    changes it works on `copy_installation(demo, tmp_path)`."""
    return demo_city
