"""Share snapshots (Manila v2). To be written."""
