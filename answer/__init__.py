"""From a question to a cited answer: understand it, find the facts and passages, compose."""
