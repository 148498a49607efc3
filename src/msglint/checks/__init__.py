"""Message -> findings: the rule engine, the rule book, and one module per rule kind."""
