"""The words of the genre, shared by reading reports and reading questions: the figures of the
official format and how they are written, and the marks that number a list."""
