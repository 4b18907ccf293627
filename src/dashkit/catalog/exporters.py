"""Metrics from the exporters beneath the platform: Redis, PostgreSQL, node, Kubernetes.

Names and labels are the ones these exporters expose (redis_exporter 1.45, postgres_exporter
0.11, node_exporter 1.5, kube-state-metrics 2.x, kubelet/cAdvisor); only the series the
dashboards and alerts use are listed.
"""

from __future__ import annotations

from dashkit.catalog.model import Metric, MetricType

C, G = MetricType.COUNTER, MetricType.GAUGE

REDIS = "redis_exporter"
POSTGRES = "postgres_exporter"
NODE = "node_exporter"
KSM = "kube-state-metrics"
KUBELET = "kubelet"
PROMETHEUS = "prometheus"
ALERTMANAGER = "alertmanager"

# --- Redis --------------------------------------------------------------------------------
REDIS_UP = Metric("redis_up", G, "bool", "1 when the exporter can reach Redis.", (), REDIS)
REDIS_CONNECTED_CLIENTS = Metric(
    "redis_connected_clients", G, "short", "Client connections open.", (), REDIS)
REDIS_BLOCKED_CLIENTS = Metric(
    "redis_blocked_clients", G, "short",
    "Clients blocked in BLPOP/BRPOP and similar (idle queue consumers).", (), REDIS)
REDIS_MEMORY_USED = Metric(
    "redis_memory_used_bytes", G, "bytes", "Memory allocated by Redis.", (), REDIS)
REDIS_MEMORY_MAX = Metric(
    "redis_memory_max_bytes", G, "bytes", "The maxmemory setting; 0 means unlimited.", (), REDIS)
REDIS_COMMANDS_PROCESSED = Metric(
    "redis_commands_processed_total", C, "short", "Commands processed by Redis.", (), REDIS)
REDIS_KEYSPACE_HITS = Metric(
    "redis_keyspace_hits_total", C, "short", "Successful key lookups.", (), REDIS)
REDIS_KEYSPACE_MISSES = Metric(
    "redis_keyspace_misses_total", C, "short", "Failed key lookups.", (), REDIS)
REDIS_EVICTED_KEYS = Metric(
    "redis_evicted_keys_total", C, "short", "Keys evicted because of maxmemory.", (), REDIS)
REDIS_REJECTED_CONNECTIONS = Metric(
    "redis_rejected_connections_total", C, "short",
    "Connections rejected because of maxclients.", (), REDIS)
REDIS_DB_KEYS = Metric("redis_db_keys", G, "short", "Keys per database.", ("db",), REDIS)
REDIS_KEY_SIZE = Metric(
    "redis_key_size", G, "short",
    "Length of a checked key (the exporter's --check-keys); for the job queues, the list length.",
    ("db", "key"), REDIS)

# --- PostgreSQL ---------------------------------------------------------------------------
PG_UP = Metric("pg_up", G, "bool", "1 when the exporter can reach PostgreSQL.", (), POSTGRES)
PG_BACKENDS = Metric(
    "pg_stat_database_numbackends", G, "short", "Backends connected to each database.",
    ("datid", "datname"), POSTGRES)
PG_MAX_CONNECTIONS = Metric(
    "pg_settings_max_connections", G, "short", "The max_connections setting.", (), POSTGRES)
PG_XACT_COMMIT = Metric(
    "pg_stat_database_xact_commit", C, "short", "Transactions committed.",
    ("datid", "datname"), POSTGRES)
PG_XACT_ROLLBACK = Metric(
    "pg_stat_database_xact_rollback", C, "short", "Transactions rolled back.",
    ("datid", "datname"), POSTGRES)
PG_DEADLOCKS = Metric(
    "pg_stat_database_deadlocks", C, "short", "Deadlocks detected.",
    ("datid", "datname"), POSTGRES)
PG_BLKS_HIT = Metric(
    "pg_stat_database_blks_hit", C, "short", "Disk blocks found in the buffer cache.",
    ("datid", "datname"), POSTGRES)
PG_BLKS_READ = Metric(
    "pg_stat_database_blks_read", C, "short", "Disk blocks read from disk.",
    ("datid", "datname"), POSTGRES)
PG_DATABASE_SIZE = Metric(
    "pg_database_size_bytes", G, "bytes", "Disk space used by each database.",
    ("datname",), POSTGRES)
PG_LOCKS = Metric(
    "pg_locks_count", G, "short", "Locks held, by mode.", ("datname", "mode"), POSTGRES)
PG_ACTIVITY = Metric(
    "pg_stat_activity_count", G, "short", "Connections by state (active, idle in transaction).",
    ("datname", "state"), POSTGRES)
PG_MAX_TX_DURATION = Metric(
    "pg_stat_activity_max_tx_duration", G, "s", "Age of the oldest open transaction.",
    ("datname", "state"), POSTGRES)

# --- Nodes and disks ----------------------------------------------------------------------
_FS = ("device", "fstype", "mountpoint")
NODE_FS_AVAIL = Metric(
    "node_filesystem_avail_bytes", G, "bytes", "Filesystem space available to non-root users.",
    _FS, NODE)
NODE_FS_SIZE = Metric("node_filesystem_size_bytes", G, "bytes", "Filesystem size.", _FS, NODE)
NODE_FS_FILES_FREE = Metric(
    "node_filesystem_files_free", G, "short", "Free inodes.", _FS, NODE)
NODE_FS_FILES = Metric("node_filesystem_files", G, "short", "Total inodes.", _FS, NODE)
NODE_DISK_IO_TIME = Metric(
    "node_disk_io_time_seconds_total", C, "s", "Time the disk spent doing I/O.",
    ("device",), NODE)
NODE_DISK_READ_BYTES = Metric(
    "node_disk_read_bytes_total", C, "bytes", "Bytes read from disk.", ("device",), NODE)
NODE_DISK_WRITTEN_BYTES = Metric(
    "node_disk_written_bytes_total", C, "bytes", "Bytes written to disk.", ("device",), NODE)
NODE_CPU = Metric(
    "node_cpu_seconds_total", C, "s", "CPU time by mode.", ("cpu", "mode"), NODE)
NODE_MEMORY_AVAILABLE = Metric(
    "node_memory_MemAvailable_bytes", G, "bytes", "Memory available for new work.", (), NODE)
NODE_MEMORY_TOTAL = Metric(
    "node_memory_MemTotal_bytes", G, "bytes", "Physical memory.", (), NODE)

# --- Kubernetes ---------------------------------------------------------------------------
KUBE_RESTARTS = Metric(
    "kube_pod_container_status_restarts_total", C, "short", "Container restarts.",
    ("namespace", "pod", "container"), KSM)
KUBE_LAST_TERMINATED = Metric(
    "kube_pod_container_status_last_terminated_reason", G, "short",
    "1 for the reason a container last terminated (OOMKilled, Error, Completed).",
    ("namespace", "pod", "container", "reason"), KSM)
KUBE_DEPLOYMENT_AVAILABLE = Metric(
    "kube_deployment_status_replicas_available", G, "short", "Available replicas.",
    ("namespace", "deployment"), KSM)
KUBE_DEPLOYMENT_DESIRED = Metric(
    "kube_deployment_spec_replicas", G, "short", "Desired replicas.",
    ("namespace", "deployment"), KSM)
KUBE_POD_PHASE = Metric(
    "kube_pod_status_phase", G, "short", "1 for the phase each pod is in.",
    ("namespace", "pod", "phase"), KSM)
KUBE_CONTAINER_LIMITS = Metric(
    "kube_pod_container_resource_limits", G, "short", "Container resource limits.",
    ("namespace", "pod", "container", "resource", "unit"), KSM)
KUBE_PVC_AVAILABLE = Metric(
    "kubelet_volume_stats_available_bytes", G, "bytes",
    "Space available on a persistent volume claim.", ("namespace", "persistentvolumeclaim"),
    KUBELET)
KUBE_PVC_CAPACITY = Metric(
    "kubelet_volume_stats_capacity_bytes", G, "bytes",
    "Capacity of a persistent volume claim.", ("namespace", "persistentvolumeclaim"), KUBELET)
CONTAINER_CPU = Metric(
    "container_cpu_usage_seconds_total", C, "s", "CPU time used by a container.",
    ("namespace", "pod", "container"), KUBELET)
CONTAINER_MEMORY = Metric(
    "container_memory_working_set_bytes", G, "bytes",
    "Container working-set memory (what the OOM killer looks at).",
    ("namespace", "pod", "container"), KUBELET)

# --- The monitoring itself ----------------------------------------------------------------
UP = Metric("up", G, "bool", "1 when Prometheus scraped the target, 0 when it failed.", (),
            PROMETHEUS)
ALERTMANAGER_NOTIFICATIONS = Metric(
    "alertmanager_notifications_total", C, "short",
    "Notifications Alertmanager tried to send, by integration (slack, pagerduty, webhook).",
    ("integration",), ALERTMANAGER)
ALERTMANAGER_NOTIFICATIONS_FAILED = Metric(
    "alertmanager_notifications_failed_total", C, "short",
    "Notifications Alertmanager could not send, by integration.",
    ("integration",), ALERTMANAGER)

EXPORTER_METRICS: tuple[Metric, ...] = (
    REDIS_UP, REDIS_CONNECTED_CLIENTS, REDIS_BLOCKED_CLIENTS, REDIS_MEMORY_USED, REDIS_MEMORY_MAX,
    REDIS_COMMANDS_PROCESSED, REDIS_KEYSPACE_HITS, REDIS_KEYSPACE_MISSES, REDIS_EVICTED_KEYS,
    REDIS_REJECTED_CONNECTIONS, REDIS_DB_KEYS, REDIS_KEY_SIZE,
    PG_UP, PG_BACKENDS, PG_MAX_CONNECTIONS, PG_XACT_COMMIT, PG_XACT_ROLLBACK, PG_DEADLOCKS,
    PG_BLKS_HIT, PG_BLKS_READ, PG_DATABASE_SIZE, PG_LOCKS, PG_ACTIVITY, PG_MAX_TX_DURATION,
    NODE_FS_AVAIL, NODE_FS_SIZE, NODE_FS_FILES_FREE, NODE_FS_FILES, NODE_DISK_IO_TIME,
    NODE_DISK_READ_BYTES, NODE_DISK_WRITTEN_BYTES, NODE_CPU, NODE_MEMORY_AVAILABLE,
    NODE_MEMORY_TOTAL,
    KUBE_RESTARTS, KUBE_LAST_TERMINATED, KUBE_DEPLOYMENT_AVAILABLE, KUBE_DEPLOYMENT_DESIRED,
    KUBE_POD_PHASE, KUBE_CONTAINER_LIMITS, KUBE_PVC_AVAILABLE, KUBE_PVC_CAPACITY, CONTAINER_CPU,
    CONTAINER_MEMORY,
    UP, ALERTMANAGER_NOTIFICATIONS, ALERTMANAGER_NOTIFICATIONS_FAILED,
)
