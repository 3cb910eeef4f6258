"""Share instances (Manila v2). To be written."""
