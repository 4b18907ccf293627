"""Labels that should not be on a dashboard: ids with one value per event (high cardinality)
and personal data. Names are compared without case, '_', '-' and '.', so ``jobId``,
``job_id`` and ``JOB-ID`` are one name."""

from __future__ import annotations

import re
from functools import lru_cache

HIGH_CARDINALITY = frozenset({
    "jobid", "requestid", "traceid", "spanid", "sessionid", "correlationid", "messageid",
    "eventid", "transactionid", "uploadid", "videoid", "uuid", "guid",
})
"""Labels with one value per job, request or event."""

PERSONAL_DATA = frozenset({
    "email", "mail", "useremail", "emailaddress", "username", "userlogin", "login",
    "fullname", "firstname", "lastname", "phone", "phonenumber", "mobile", "telephone",
    "ip", "ipaddress", "clientip", "clientaddress", "remoteip", "remoteaddr",
    "remoteaddress", "sourceip", "srcip", "userip", "forwardedfor", "xforwardedfor",
    "address", "streetaddress", "postcode", "zipcode", "birthdate", "dateofbirth", "ssn",
    "creditcard", "cardnumber", "iban",
})
"""Labels whose values identify a person (GDPR personal data). Infrastructure addresses
(``pod_ip``, ``host_ip``, ``node_ip``) are not on the list: they identify machines."""

_LEGEND_LABEL = re.compile(r"\{\{\s*([^{}\s]+)\s*\}\}")


def normalise(label: str) -> str:
    return label.replace("_", "").replace("-", "").replace(".", "").lower()


@lru_cache(maxsize=4096)
def is_high_cardinality(label: str) -> bool:
    return normalise(label) in HIGH_CARDINALITY


@lru_cache(maxsize=4096)
def is_personal(label: str) -> bool:
    return normalise(label) in PERSONAL_DATA


def legend_labels(legend: str) -> list[str]:
    """The labels a legend format shows: ``{{tenant}} p99`` -> ``["tenant"]``."""
    return _LEGEND_LABEL.findall(legend)
