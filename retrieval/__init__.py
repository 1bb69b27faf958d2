"""How a question is matched to passages of the stored reports."""
