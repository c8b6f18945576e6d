"""同步: keys, setup packages, writing and merging bundles, receipts, reviewing conflicts and duplicates.

The names below are the module's public actions, for the UI and for other modules' services.
"""

from __future__ import annotations

from app.services.sync.exchange import (
    bundle_history,
    import_sync_receipt,
    merge_bundles,
    merge_result_rows,
    orphan_report,
    set_max_clock_ahead,
    sync_status,
    write_bundle,
    write_sync_receipt,
)
from app.services.sync.issue import issue_refusal, issue_setup, issue_targets, read_station_key
from app.services.sync.setup import (
    export_setup,
    import_setup,
    new_identity,
    passphrase_problems,
    setup_signer,
    show_identity,
    write_key_file,
)

__all__ = [
    "bundle_history",
    "export_setup",
    "import_setup",
    "import_sync_receipt",
    "issue_refusal",
    "issue_setup",
    "issue_targets",
    "merge_bundles",
    "merge_result_rows",
    "new_identity",
    "orphan_report",
    "passphrase_problems",
    "read_station_key",
    "set_max_clock_ahead",
    "setup_signer",
    "show_identity",
    "sync_status",
    "write_bundle",
    "write_key_file",
    "write_sync_receipt",
]
