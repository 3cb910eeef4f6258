"""Share network subnets (Manila v2). To be written."""
