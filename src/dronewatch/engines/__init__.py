"""Engines that run the pure stages: local processes (default) or a Ray cluster."""
