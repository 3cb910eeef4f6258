"""Plays manila/share/drivers: the simulated storage backends."""
