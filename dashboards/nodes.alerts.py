"""Alerts on the machines: a node gone, a disk nearly full or filling fast."""

from _objectives import DISK_FREE_MIN, DISK_FULL_WITHIN_HOURS

from dashkit.alerting import Alert, Guidance, PanelRef, Severity
from dashkit.catalog import NODE_FS_AVAIL, NODE_FS_SIZE, UP

REAL_FS = {"fstype": "!~tmpfs|overlay|squashfs"}
BY = "max by (instance, mountpoint)"
FREE_RATIO = f"{BY} ({NODE_FS_AVAIL.select(**REAL_FS)})\n/\n{BY} ({NODE_FS_SIZE.select(**REAL_FS)})"

_DISK_DIAGNOSE = (
    "- See which mount fills and how fast on [Nodes, disks and Kubernetes](/d/nodes).\n"
    "- On the node, `du -xh --max-depth=2 <mountpoint> | sort -h | tail` finds what grew; "
    "extraction workers keep media in their scratch directory until a job ends, so a "
    "stuck or crashing worker leaves files behind.")
_DISK_ESCALATE = ("platform-sre owns the nodes. If the disk holds Redis or PostgreSQL data, "
                  "treat it as their outage and page at once.")

alerts = [
    Alert(
        "NodeDown",
        expr=f"min by (instance) ({UP.select(job='node')}) == 0",
        for_="5m",
        severity=Severity.CRITICAL,
        team="platform-sre",
        summary="Node {{ $labels.instance }} is down",
        description="Prometheus has not scraped the node exporter on {{ $labels.instance }} "
                    "for 5 minutes: the machine is down or unreachable.",
        panel=PanelRef("nodes", "nodes-up"),
        inhibits=("DiskSpaceLow", "DiskWillFillSoon", "TargetDown"),
        inhibit_equal=("instance",),
        guidance=Guidance(
            meaning="A machine of the cluster stopped answering. Its disk alerts and target "
                    "alerts are silenced while this fires: they are consequences.",
            impact="Pods on it are rescheduled (if there is room); jobs they were running "
                   "fail or restart.",
            diagnose="- Is it only the exporter? Check the node in the cloud console and "
                     "`kubectl get node`.\n"
                     "- NotReady in Kubernetes: look at kubelet logs and the node's events.",
            mitigate="- Cordon and drain it if it is half alive; replace it if it is gone.\n"
                     "- Make sure the workers it ran were rescheduled (Deployments on "
                     "[Nodes, disks and Kubernetes](/d/nodes)).",
            escalate="Pages platform-sre; the cloud provider's support if the machine "
                     "cannot be recovered.",
        ),
    ),
    Alert(
        "DiskSpaceLow",
        expr=f"{FREE_RATIO}\n< {DISK_FREE_MIN}",
        for_="10m",
        severity=Severity.WARNING,
        team="platform-sre",
        summary="{{ $labels.instance }} {{ $labels.mountpoint }}: only "
                "{{ $value | humanizePercentage }} free",
        description=f"Less than {DISK_FREE_MIN:.0%} of {{{{ $labels.mountpoint }}}} on "
                    "{{ $labels.instance }} is free, for 10 minutes.",
        panel=PanelRef("nodes", "filesystem-free"),
        guidance=Guidance(
            meaning="A filesystem that holds data is nearly full.",
            impact="When it is full, extraction jobs on that node fail with write errors; a "
                   "full Redis or PostgreSQL volume stops the platform.",
            diagnose=_DISK_DIAGNOSE,
            mitigate="- Delete what is safe to delete (old scratch files of finished jobs, "
                     "rotated logs).\n"
                     "- Grow the volume, or move workers off the node.",
            escalate=_DISK_ESCALATE,
        ),
    ),
    Alert(
        "DiskWillFillSoon",
        expr=f"{BY} (predict_linear({NODE_FS_AVAIL.select(**REAL_FS)}[6h], "
             f"{DISK_FULL_WITHIN_HOURS} * 3600)) < 0\nand on (instance, mountpoint)\n"
             f"{FREE_RATIO}\n< 0.4",
        for_="30m",
        severity=Severity.CRITICAL,
        team="platform-sre",
        summary="{{ $labels.instance }} {{ $labels.mountpoint }} will be full within "
                f"{DISK_FULL_WITHIN_HOURS} hours",
        description="At the last 6 hours' pace, {{ $labels.mountpoint }} on "
                    f"{{{{ $labels.instance }}}} fills within {DISK_FULL_WITHIN_HOURS} hours "
                    "(and less than 40% is free now).",
        panel=PanelRef("nodes", "filesystem-forecast"),
        guidance=Guidance(
            meaning="A filesystem is filling steadily and will be full soon if nothing "
                    "changes.",
            impact="Same as a full disk, only hours away: jobs on the node fail, or Redis "
                   "and PostgreSQL stop.",
            diagnose=_DISK_DIAGNOSE,
            mitigate="- Find and stop what writes (a worker leaking scratch files, a log "
                     "storm), then clean up.\n"
                     "- Grow the volume before the forecast reaches zero.",
            escalate=_DISK_ESCALATE,
        ),
    ),
]
