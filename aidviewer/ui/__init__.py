"""The window: main window, its parts, dialogs. No SQL: the store is reached through
its public API and the item models."""
