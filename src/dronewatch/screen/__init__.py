"""Screening: who on a roster matches a person or group that dronewatch or a watchlist knows."""
