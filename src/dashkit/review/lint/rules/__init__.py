"""One module per lint rule; each module's docstring is the rule's documentation and its
`RULE` is what the registry lists."""
