"""Domain operations shared by the HTTP handlers and the Python admin API."""
