"""What the 同步 page tells a user to do next, from where the installation stands."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain.records.exchange import SyncStatus


def next_step(status: SyncStatus, upward: bool) -> str:
    """The one thing to do now, in order: a new user needs no manual."""
    if not status.has_identity:
        return QCoreApplication.translate(
            "SyncPage", "Step 1: create this computer's keys (once per computer)."
        )
    if not status.setup_package_id:
        return QCoreApplication.translate(
            "SyncPage",
            "Step 2: write this computer's key file to a USB stick for the level above (Write key "
            "file…); it sends back a setup package (a .fpas file): import it here.",
        )
    if upward and status.recipients == 0:
        return QCoreApplication.translate(
            "SyncPage", "The setup package names nobody to send to: ask the level above for a new one."
        )
    if upward and status.role == "county":
        return QCoreApplication.translate(
            "SyncPage",
            "Merge the townships' bundles as they come and write a receipt for each; regularly write "
            "a bundle for the province and import its receipt.",
        )
    if upward:
        return QCoreApplication.translate(
            "SyncPage",
            "Regularly (each week or month): write a bundle to a USB stick and take it to the level "
            "above; import the receipt it gives back.",
        )
    return QCoreApplication.translate(
        "SyncPage", "Merge the bundles the counties send, then write a receipt for each."
    )
