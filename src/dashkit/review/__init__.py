"""Review: compiled dashboards in, findings and differences out.

``lint/`` checks each dashboard against the house rules; ``diff`` compares two sets of
dashboards panel by panel; ``baseline`` reads the side to compare with (a directory, a git
ref); ``normalize`` is the one normalisation that diff, plans and drift checks share.
"""
