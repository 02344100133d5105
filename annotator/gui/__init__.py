"""The Qt layer: windows, views, item models and undo commands over the store."""
