"""Public views of places and neighbourhoods."""
