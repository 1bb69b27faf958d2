"""Where reports live once read: the catalog (the truth), the vectors and the keyword index, kept in
step by the library, each behind a small Protocol with an in-memory fake."""
