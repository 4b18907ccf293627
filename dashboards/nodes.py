"""Nodes, disks and Kubernetes: the machines and the workloads the platform runs on."""

from _objectives import DISK_FREE_MIN, DISK_FULL_WITHIN_HOURS

from dashkit.catalog import (
    CONTAINER_MEMORY,
    KUBE_DEPLOYMENT_AVAILABLE,
    KUBE_DEPLOYMENT_DESIRED,
    KUBE_PVC_AVAILABLE,
    KUBE_PVC_CAPACITY,
    KUBE_RESTARTS,
    NODE_DISK_IO_TIME,
    NODE_FS_AVAIL,
    NODE_FS_SIZE,
    NODE_MEMORY_AVAILABLE,
    NODE_MEMORY_TOTAL,
    UP,
)
from dashkit.style import Row, dashboard, panels, recipes, variables
from dashkit.style.targets import PromTarget
from dashkit.style.thresholds import higher_is_better, steps

REAL_FS = {"fstype": "!~tmpfs|overlay|squashfs", "instance": "$instance"}
"""Filesystems that hold data: not memory-backed, not container layers."""

dashboard = dashboard(
    uid="nodes",
    title="Nodes, disks and Kubernetes",
    folder="Platform/Infrastructure",
    tags=["infrastructure", "kubernetes", "disk"],
    description="The machines under the platform (up, disk space and its forecast, memory, "
                "disk I/O) and the Kubernetes workloads on them (deployments, restarts, "
                "volumes).",
    variables=variables.standard(
        variables.label_values("instance", NODE_FS_SIZE, "instance", "Node")),
    rows=[
        Row("Nodes", [
            panels.timeseries(
                "Nodes up", unit="bool", key="nodes-up", min=0, max=1,
                thresholds=higher_is_better(1, 0.5), threshold_style="line",
                description="1 while Prometheus scrapes each node's exporter. 0 for 5 minutes "
                            "fires NodeDown, which silences that node's disk alerts.",
                targets=[PromTarget(
                    f"min by (instance) ({UP.select(job='node', instance='$instance')})",
                    legend="{{instance}}")]),
            panels.timeseries(
                "Memory available", unit="percentunit", min=0, max=1,
                thresholds=higher_is_better(0.2, 0.1), threshold_style="line",
                description="Memory available for new work as a share of physical memory.",
                targets=[PromTarget(
                    f"max by (instance) ({NODE_MEMORY_AVAILABLE.select(instance='$instance')})"
                    f"\n/\nmax by (instance) ({NODE_MEMORY_TOTAL.select(instance='$instance')})",
                    legend="{{instance}}")]),
        ]),
        Row("Disks", [
            panels.timeseries(
                "Filesystem space free", unit="percentunit", key="filesystem-free",
                min=0, max=1, thresholds=higher_is_better(DISK_FREE_MIN * 2, DISK_FREE_MIN),
                threshold_style="line",
                description="Space available per filesystem. Below the red line "
                            f"({DISK_FREE_MIN:.0%}) for 10 minutes, DiskSpaceLow fires. "
                            "Extraction workers write media here: full disks fail jobs.",
                targets=[PromTarget(
                    f"max by (instance, mountpoint) ({NODE_FS_AVAIL.select(**REAL_FS)})\n/\n"
                    f"max by (instance, mountpoint) ({NODE_FS_SIZE.select(**REAL_FS)})",
                    legend="{{instance}} {{mountpoint}}")]),
            panels.timeseries(
                f"Free space forecast, {DISK_FULL_WITHIN_HOURS}h ahead", unit="bytes",
                key="filesystem-forecast", thresholds=steps("red", ("green", 0)),
                threshold_style="line",
                description="Free space in "
                            f"{DISK_FULL_WITHIN_HOURS} hours if the last 6 hours' trend goes "
                            "on. Below 0 means full within that time: DiskWillFillSoon fires "
                            "after 30 minutes.",
                targets=[PromTarget(
                    f"max by (instance, mountpoint) (predict_linear("
                    f"{NODE_FS_AVAIL.select(**REAL_FS)}[6h], "
                    f"{DISK_FULL_WITHIN_HOURS} * 3600))",
                    legend="{{instance}} {{mountpoint}}")]),
            recipes.rate_by(
                NODE_DISK_IO_TIME, title="Disk busy", by=("instance", "device"),
                instance="$instance",
                description="Share of time each disk spent doing I/O (1 s/s is saturated)."),
        ]),
        Row("Kubernetes", [
            panels.timeseries(
                "Deployments: available of desired replicas", unit="percentunit", min=0,
                max=1, thresholds=higher_is_better(1, 0.5), threshold_style="line",
                description="Available replicas as a share of desired ones per deployment; "
                            "below 1 a rollout is stuck or pods crash.",
                targets=[PromTarget(
                    f"max by (namespace, deployment) ({KUBE_DEPLOYMENT_AVAILABLE.select()})"
                    f"\n/\n(max by (namespace, deployment) "
                    f"({KUBE_DEPLOYMENT_DESIRED.select()}) > 0)",
                    legend="{{namespace}}/{{deployment}}")]),
            recipes.rate_by(
                KUBE_RESTARTS, title="Container restarts", by=("namespace", "container"),
                description="Container restarts per second; a steady rate is a crash loop."),
            recipes.gauge_by(
                CONTAINER_MEMORY, title="Container memory", by=("namespace", "container"),
                agg="max",
                description="Working-set memory of the largest pod of each container."),
            panels.timeseries(
                "Volume space free", unit="percentunit", min=0, max=1,
                thresholds=higher_is_better(DISK_FREE_MIN * 2, DISK_FREE_MIN),
                threshold_style="line",
                description="Space available on each persistent volume claim (Redis and "
                            "PostgreSQL data).",
                targets=[PromTarget(
                    f"max by (namespace, persistentvolumeclaim) "
                    f"({KUBE_PVC_AVAILABLE.select()})\n/\n"
                    f"max by (namespace, persistentvolumeclaim) "
                    f"({KUBE_PVC_CAPACITY.select()})",
                    legend="{{namespace}}/{{persistentvolumeclaim}}")]),
        ]),
    ],
)
