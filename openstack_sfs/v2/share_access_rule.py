"""Share access rules (Manila v2). To be written."""
