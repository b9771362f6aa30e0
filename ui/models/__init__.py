"""Qt models over core queries: ids and plain rows, fetched in pages."""
