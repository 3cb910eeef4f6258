"""Storage pools (Manila v2). To be written."""
