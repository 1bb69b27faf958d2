"""The browser app (Gradio): chat, report library, statistics."""
