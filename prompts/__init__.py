"""The words we say to a language model (used only by the optional LLM answerer).

Report text goes to the model as quoted data inside <资料> tags, never as instructions."""
