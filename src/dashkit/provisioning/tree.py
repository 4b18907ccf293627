"""The provisioning directory as files: path -> bytes, from the project's dashboards and
``dashboards.yaml``. Pure: nothing here reads or writes Grafana or the disk.

Layout (under ``provisioning.dir``, which Grafana sees as ``provisioning.mount``)::

    dashboards/dashkit.yaml            one provider per folder holding dashboards
    dashboards/<folder uid>/<uid>.json the dashboards of that folder ("general" at the top)
    datasources/dashkit.yaml           the datasources, wired for correlation

Grafana reads provider files only directly in ``dashboards/``, and every ``*.json`` below a
provider's path as a dashboard (pkg/services/provisioning/dashboards config_reader.go and
file_reader.go), so nothing else is written there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import yaml

from dashkit.build.compile import encode
from dashkit.build.writer import generated_header
from dashkit.folders import FolderTree
from dashkit.grafana.desired import DesiredDashboard
from dashkit.model import DatasourceSpec, ProvisioningSpec
from dashkit.provisioning.datasources import datasources_file

GENERAL = "general"
"""The directory of the top-level dashboards (Grafana's General folder has that uid)."""

PROVIDERS = "dashboards/dashkit.yaml"
DATASOURCES = "datasources/dashkit.yaml"
HEADER = generated_header("{sources}")


@dataclass(frozen=True)
class Tree:
    """Every file of a directory, by path relative to it; ``managed`` directories hold only
    its files (others there are removed), and in ``swept`` ones the generated files it no
    longer holds are removed (files without the generated line are never touched)."""

    files: dict[str, bytes]
    managed: tuple[str, ...] = ()
    swept: tuple[str, ...] = ()


def provisioning_tree(tree: FolderTree, dashboards: Sequence[DesiredDashboard],
                      datasources: tuple[DatasourceSpec, ...], spec: ProvisioningSpec,
                      config_name: str = "dashboards.yaml") -> Tree:
    files: dict[str, bytes] = {}
    by_folder: dict[str, list[DesiredDashboard]] = {}
    for dashboard in sorted(dashboards, key=lambda d: d.uid):
        by_folder.setdefault(dashboard.folder_uid, []).append(dashboard)
        directory = dashboard.folder_uid or GENERAL
        files[f"dashboards/{directory}/{dashboard.uid}.json"] = encode(dashboard.data)
    providers, notes = [], []
    for folder_uid in sorted(by_folder, key=lambda u: (u != "", u)):
        directory = folder_uid or GENERAL
        provider: dict[str, object] = {"name": f"dashkit-{directory}", "orgId": 1}
        if folder_uid:
            provider.update(folder=tree.folders[folder_uid].title, folderUid=folder_uid)
        else:
            provider["folder"] = ""
        provider.update(type="file", disableDeletion=False,
                        allowUiUpdates=spec.allow_ui_updates,
                        updateIntervalSeconds=max(10, round(spec.update_interval)),
                        options={"path": f"{spec.mount.rstrip('/')}/dashboards/{directory}",
                                 "foldersFromFilesStructure": False})
        providers.append(provider)
        sources = sorted({d.source for d in by_folder[folder_uid] if d.source})
        place = tree.path_of(folder_uid) if folder_uid else "(top level)"
        notes.append(f"# {provider['name']}: {place} <- {', '.join(sources)}\n")
    files[PROVIDERS] = (HEADER.format(sources=f"{config_name} and the dashboard modules")
                        + "".join(notes)
                        + _yaml({"apiVersion": 1, "providers": providers})).encode()
    if datasources:
        files[DATASOURCES] = (HEADER.format(sources=f"{config_name} (datasources:)")
                              + _yaml(datasources_file(datasources))).encode()
    return Tree(files, managed=("dashboards",), swept=("datasources",))


def _yaml(data: object) -> str:
    return str(yaml.safe_dump(data, sort_keys=False, default_flow_style=False,
                              allow_unicode=True, width=100))
