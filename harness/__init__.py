"""The kata harness: choose an implementation, run steps, and check the suites themselves."""
