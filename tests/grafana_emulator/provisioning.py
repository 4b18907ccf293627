"""Start from a provisioning directory the way Grafana does (pkg/services/provisioning).

Dashboards (pkg/services/provisioning/dashboards):
- config_reader.go: provider files are the ``*.yaml``/``*.yml`` directly in ``dashboards/``;
  ``apiVersion: 1`` holds ``providers``. A provider needs a ``name`` (unique in its file) and
  an ``options.path``; ``orgId`` defaults to 1 and ``type`` to ``file`` (no other type);
  ``folder`` and ``folderUid`` together with ``foldersFromFilesStructure`` is an error. Any
  of these stops Grafana from starting.
- file_reader.go: every file below ``options.path`` whose name ends in ``.json`` is read,
  skipping directories whose names start with ``.``; a file without a non-empty string
  ``title`` is logged and skipped. The provider's folder (file_reader.go getOrCreateFolder):
  ``folder: ""`` is the top level, whatever ``folderUid`` says; else the folder with
  ``folderUid`` at any depth, never renamed; else the top-level folder with exactly that
  title; else a new top-level folder (with ``folderUid`` when given). A provider whose path
  does not exist stops the ones after it.
- dashboard_service.go SaveProvisionedDashboard: the file's uid is kept; a dashboard of the
  same uid made through the API is taken over; the dashboard is marked provisioned with the
  file's path, read-only to the API unless ``allowUiUpdates``.
- validator.go: a uid in two files is reported and the later file is not written.

Datasources (pkg/services/provisioning/datasources config_reader.go, datasources.go):
``*.yaml``/``*.yml`` in ``datasources/``, read first; a datasource is known by org and name;
a missing ``uid`` is ``P`` + 16 upper-case hex digits of sha256(name); two ``isDefault`` in
one org, across files, fail the whole start. ``$VAR``, ``${VAR}`` and ``$__env{VAR}`` are
expanded in every provisioning file (pkg/services/provisioning/values.go interpolateValue),
and ``$$`` is a literal ``$``.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from .models import Provisioning
from .services import dashboards, folders
from .state import Store

_ENV = re.compile(r"\$\$|\$__env\{(\w+)\}|\$\{(\w+)\}|\$(\w+)")


class ProvisioningFailed(Exception):
    """Grafana would not start: the provisioning directory holds an error it cannot skip."""


@dataclass
class ProvisioningLog:
    """What provisioning reported, as (level, message), in order."""

    entries: list[tuple[str, str]] = field(default_factory=list)

    def error(self, message: str) -> None:
        self.entries.append(("error", message))

    def warn(self, message: str) -> None:
        self.entries.append(("warn", message))

    def messages(self, level: str) -> list[str]:
        return [m for lvl, m in self.entries if lvl == level]


def expand(text: str, env: Mapping[str, str]) -> str:
    def one(match: re.Match[str]) -> str:
        if match.group(0) == "$$":
            return "$"
        name = match.group(1) or match.group(2) or match.group(3)
        return env.get(name, "")

    return _ENV.sub(one, text)


def _yaml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and p.suffix in (".yaml", ".yml"))


def _read(path: Path, env: Mapping[str, str]) -> Any:
    return yaml.safe_load(expand(path.read_text(), env))


def load(store: Store, root: Path, *, mount: str, env: Mapping[str, str],
         log: ProvisioningLog) -> None:
    """Provision datasources, then dashboards, from ``root`` (which Grafana sees at
    ``mount``). Caller holds the store lock."""
    _datasources(store, root / "datasources", env, log)
    providers: list[dict[str, Any]] = []
    for path in _yaml_files(root / "dashboards"):
        data = _read(path, env) or {}
        names: set[str] = set()
        for provider in data.get("providers") or []:
            if not provider.get("name"):
                raise ProvisioningFailed(f"{path.name}: a dashboard provider needs a name")
            if provider["name"] in names:
                raise ProvisioningFailed(f"{path.name}: provider name {provider['name']!r} is "
                                         "used more than once")
            names.add(provider["name"])
            if (provider.get("type") or "file") != "file":
                raise ProvisioningFailed(f"{provider['name']}: unknown provider type "
                                         f"{provider['type']!r}")
            if not (provider.get("options") or {}).get("path"):
                raise ProvisioningFailed(f"{provider['name']}: options.path is required")
            if provider.get("options", {}).get("foldersFromFilesStructure") and (
                    provider.get("folder") or provider.get("folderUid")):
                raise ProvisioningFailed(f"{provider['name']}: folder and folderUid cannot be "
                                         "set with foldersFromFilesStructure")
            providers.append(provider)
    seen_uids: dict[str, str] = {}
    for provider in providers:
        local = _local(root, mount, str(provider.get("options", {}).get("path") or ""))
        if local is None or not local.is_dir():
            log.error(f"provider {provider['name']}: path {provider['options'].get('path')!r} "
                      "does not exist; the providers after it were not read")
            return
        _dashboards(store, provider, local, seen_uids, log)
        _delete_orphans(store, provider, local)


def _delete_orphans(store: Store, provider: Mapping[str, Any], local: Path) -> None:
    """dashboard_service.go DeleteOrphanedProvisionedDashboards: a provisioned dashboard
    whose file is gone is deleted, unless the provider says ``disableDeletion``."""
    if provider.get("disableDeletion"):
        return
    org = store.org(int(provider.get("orgId") or 1))
    for dash in list(org.dashboards.values()):
        prov = dash.provisioning
        if prov is not None and prov.provider == provider["name"] and not (
                local / prov.external_id).is_file():
            dashboards.remove_dashboard(org, dash)


def _local(root: Path, mount: str, path: str) -> Path | None:
    """A provider's path as this machine sees it, when it is under the mount."""
    inside = PurePosixPath(path)
    base = PurePosixPath(mount)
    if not inside.is_relative_to(base):
        return None
    return root.joinpath(*inside.relative_to(base).parts)


def _provider_folder(store: Store, provider: Mapping[str, Any], org_id: int) -> str:
    org = store.org(org_id)
    uid = str(provider.get("folderUid") or "")
    title = str(provider.get("folder") or "")
    if not title:
        return ""
    if uid:
        if uid in org.folders:
            return uid
    else:
        match = next((f for f in org.folders.values()
                      if f.title == title and not f.parent_uid), None)
        if match is not None:
            return match.uid
    made = folders.create_folder(store, org_id, None, folders.CreateFolder(
        title=title or uid, uid=uid, description="", parent_uid=""))
    return made.uid


def _dashboards(store: Store, provider: Mapping[str, Any], local: Path,
                seen_uids: dict[str, str], log: ProvisioningLog) -> None:
    org_id = int(provider.get("orgId") or 1)
    folder_uid = _provider_folder(store, provider, org_id)
    for dirpath, dirnames, filenames in os.walk(local):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.endswith(".json"):
                continue
            path = Path(dirpath, name)
            try:
                data = json.loads(path.read_text())
            except (OSError, ValueError):
                log.error(f"failed to load dashboard from {path}")
                continue
            title = data.get("title") if isinstance(data, dict) else None
            if not isinstance(title, str) or not title.strip():
                log.error(f"failed to load dashboard from {path}: dashboard title cannot be "
                          "empty")
                continue
            uid = str(data.get("uid") or "")
            if uid and uid in seen_uids:
                log.warn(f"the same dashboard uid {uid!r} is provisioned by {seen_uids[uid]} "
                         f"and {path}; only the first is written")
                continue
            seen_uids[uid] = str(path)
            body = copy.deepcopy(data)
            body.pop("id", None)
            cmd = dashboards.SaveCommand(dashboard=body, folder_uid=folder_uid, overwrite=True,
                                         message="", validate_provisioned=False)
            dash = dashboards.save_dashboard(store, org_id, None, cmd)
            dash.provisioning = Provisioning(str(path.relative_to(local)),
                                             bool(provider.get("allowUiUpdates")),
                                             str(provider["name"]))


def _datasources(store: Store, folder: Path, env: Mapping[str, str],
                 log: ProvisioningLog) -> None:
    for path in _yaml_files(folder):
        data = _read(path, env) or {}
        for item in data.get("datasources") or []:
            org_id = int(item.get("orgId") or 1)
            org = store.org(org_id)
            name = str(item.get("name") or "")
            known = next((d for d in org.datasources.values() if d.get("name") == name), None)
            uid = str(item.get("uid") or "") or (known["uid"] if known else _uid_from_name(name))
            if item.get("isDefault") and any(d.get("isDefault") and d["uid"] != uid
                                             for d in org.datasources.values()):
                raise ProvisioningFailed(f"{path.name}: datasource {item.get('name')!r}: only "
                                         "one datasource per organization can be marked as "
                                         "default")
            entry = dict(item, uid=uid, orgId=org_id)
            entry.setdefault("access", "proxy")
            org.datasources[uid] = entry


def _uid_from_name(name: str) -> str:
    # pkg/services/provisioning/datasources safeUIDFromName.
    return "P" + hashlib.sha256(name.encode()).hexdigest()[:16].upper()
