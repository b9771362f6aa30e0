"""Bringing footage in: offload cards to one or more destinations, verified, with ASC MHL histories."""
