"""`dashboards config` shows the settings in effect, naming secret files, never secrets."""

from __future__ import annotations

from conftest import REPO

from dashkit.config import load_config
from dashkit.report.config import config_text


def test_the_repository_settings_with_their_routes() -> None:
    text = config_text(load_config(REPO))
    assert "folders:\n  platform: 'Platform'" in text
    assert ("  critical: PagerDuty (key from file /run/secrets/pagerduty-routing-key) and Slack "
            "#incidents (webhook from file /run/secrets/slack-webhook-url)") in text
    assert "  warning, team publishing: MS Teams through http://prometheus-msteams:2000/" \
           "publishing" in text
    assert text.splitlines()[-1] == "lint: fail on error, 0 ignore(s)"
