"""Export locations (Manila v2). To be written."""
