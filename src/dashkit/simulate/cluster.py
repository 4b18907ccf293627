"""What the platform runs on, as the simulator shows it: the Kubernetes deployments of its
services (as kube-state-metrics and the kubelet would expose them) and the media scratch disk
the extraction workers write to (as node_exporter would). Real Redis, PostgreSQL and node
exporters report the rest; there is no cluster here, so this stands in for one."""

from __future__ import annotations

import random

from dashkit.catalog import exporters as x
from dashkit.simulate.scenarios import Scenario
from dashkit.simulate.store import Store

NAMESPACE = "media"
DEPLOYMENTS = {"api-gateway": 2, "extraction-worker": 4, "youtube-uploader": 3,
               "job-scheduler": 1}
"""The platform's deployments and their replicas when healthy."""
SCRATCH = {"device": "/dev/nvme1n1", "fstype": "ext4", "mountpoint": "/var/lib/media-scratch"}
SCRATCH_SIZE = 500 * 2**30
SCRATCH_FREE_AT_START = 0.35
"""Share of the scratch disk free when the simulator starts."""
INODES = 32_000_000
PVC = "media-scratch"


class Cluster:
    """Pods, restarts, memory and the scratch disk, moved forward with :meth:`advance`."""

    def __init__(self, store: Store, seed: int, scenario: Scenario, start: float) -> None:
        self.store = store
        self.random = random.Random(seed + 1)
        self.scenario = scenario
        self.now = start
        self.free = SCRATCH_SIZE * SCRATCH_FREE_AT_START
        for name in DEPLOYMENTS:
            for pod in self._pods(name, DEPLOYMENTS[name]):
                store.touch(x.KUBE_RESTARTS, namespace=NAMESPACE, pod=pod, container=name)
        self._gauges()

    def advance(self, until: float) -> None:
        dt = max(0.0, until - self.now)
        self.now = until
        # A healthy scratch disk breathes around its level; a filling one loses space.
        drift = self.random.gauss(0.0, 2**20) * dt ** 0.5
        self.free = min(SCRATCH_SIZE * 0.9, max(0.0, self.free + drift
                                                - self.scenario.disk_fill_bytes_per_second
                                                * dt))
        if self.random.random() < dt / 3600:  # about one restart an hour somewhere
            name = self.random.choice(list(DEPLOYMENTS))
            pod = self.random.choice(self._pods(name, DEPLOYMENTS[name]))
            self.store.inc(x.KUBE_RESTARTS, 1, namespace=NAMESPACE, pod=pod, container=name)
        self._gauges()

    def replicas(self, name: str) -> int:
        """Available replicas of a deployment under the scenario."""
        if name == "extraction-worker":
            return self.scenario.extraction_consumers
        if name == "youtube-uploader":
            return self.scenario.upload_consumers
        return DEPLOYMENTS[name]

    def _gauges(self) -> None:
        st = self.store
        for name, desired in DEPLOYMENTS.items():
            st.set(x.KUBE_DEPLOYMENT_DESIRED, desired, namespace=NAMESPACE, deployment=name)
            available = min(desired, self.replicas(name))
            st.set(x.KUBE_DEPLOYMENT_AVAILABLE, available, namespace=NAMESPACE,
                   deployment=name)
            for pod in self._pods(name, desired)[:available]:
                st.set(x.CONTAINER_MEMORY, self._memory(name), namespace=NAMESPACE, pod=pod,
                       container=name)
        st.set(x.NODE_FS_SIZE, SCRATCH_SIZE, **SCRATCH)
        st.set(x.NODE_FS_AVAIL, round(self.free), **SCRATCH)
        st.set(x.NODE_FS_FILES, INODES, **SCRATCH)
        st.set(x.NODE_FS_FILES_FREE, round(INODES * 0.9), **SCRATCH)
        st.set(x.KUBE_PVC_CAPACITY, SCRATCH_SIZE, namespace=NAMESPACE,
               persistentvolumeclaim=PVC)
        st.set(x.KUBE_PVC_AVAILABLE, round(self.free), namespace=NAMESPACE,
               persistentvolumeclaim=PVC)

    def _memory(self, name: str) -> float:
        base = 1.5 * 2**30 if name == "extraction-worker" else 300 * 2**20
        return round(base * (1 + self.random.uniform(-0.05, 0.05)))

    @staticmethod
    def _pods(name: str, count: int) -> list[str]:
        return [f"{name}-7d9f8b6c4-{suffix}" for suffix in _POD_SUFFIXES[:count]]


_POD_SUFFIXES = ("x2kqb", "m7tzd", "p4wnr", "c9hjs", "f5vlg", "q8bxw")
"""Pod name endings, as a ReplicaSet would generate them."""
