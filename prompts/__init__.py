"""The words we say to a language model live here (used by the optional LLM answerer)."""
