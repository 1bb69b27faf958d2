"""How a report becomes searchable: loaded, cleaned, described, split into parts and chunks, embedded, stored."""
