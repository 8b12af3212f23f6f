"""Public views of activities."""
