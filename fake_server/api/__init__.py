"""Plays manila/api: controllers that parse, check policy and render."""
