"""Analysis over resolved events: trends and the actor graph."""
