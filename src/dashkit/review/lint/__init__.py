"""``dashboards lint``: rules that check compiled dashboards, one small module each.

``registry.REGISTRY`` lists them; ``engine.lint`` runs them and applies ignores;
``report`` renders the findings; ``collect`` gathers what the engine needs from a project.
"""
