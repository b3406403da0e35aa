"""Import and export of catalogue content. No Qt."""
