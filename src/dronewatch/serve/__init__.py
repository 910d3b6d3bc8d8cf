"""The analyst's desk: a JSON API and the dashboard that uses it."""
