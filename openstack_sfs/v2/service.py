"""Services (Manila v2). To be written."""
