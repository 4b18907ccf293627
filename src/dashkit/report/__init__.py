"""Reports: build results, findings, diffs and plans rendered as text, markdown and JSON.
Nothing here decides anything."""
