"""Quota class sets (Manila v2). To be written."""
