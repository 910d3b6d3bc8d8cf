"""Resolution: claims from many documents into events, with corroboration, actors and links."""
