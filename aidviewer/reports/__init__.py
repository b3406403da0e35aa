"""Report content from the store. No Qt."""
