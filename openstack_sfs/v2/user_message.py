"""User messages (Manila v2). To be written."""
