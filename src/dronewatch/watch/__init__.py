"""Always on: the watcher that polls feeds and folders, and the alerts it raises."""
