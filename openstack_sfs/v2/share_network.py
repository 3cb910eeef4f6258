"""Share networks (Manila v2). To be written."""
