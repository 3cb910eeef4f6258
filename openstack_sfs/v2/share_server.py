"""Share servers (Manila v2). To be written."""
