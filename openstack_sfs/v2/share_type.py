"""Share types (Manila v2). To be written."""
