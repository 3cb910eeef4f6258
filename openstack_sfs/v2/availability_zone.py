"""Availability zones (Manila v2). To be written."""
