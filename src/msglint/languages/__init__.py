"""One place for the languages msglint knows: what each one needs from every stage."""
