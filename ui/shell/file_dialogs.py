"""Every file dialog of the program: Chinese throughout, opening where the user keeps such files.

Qt's own dialog (not the platform's), so it reads the same on every computer and the program's
translations reach it (``resources/translations/firstday_zh_CN.ts`` adds the labels Qt's
``qtbase_zh_CN`` lacks: Qt 6 gave "Look in:" and "Files of type:" mnemonics, and the shipped
Chinese catalogue still translates only the old texts, so they showed in English).

It opens on a USB stick when one is inserted (the bundles, rosters and setup packages travel on
them), else in the Documents folder — never in the program's own folder, where Qt would start
by itself. The sidebar lists the USB sticks, Documents, Desktop and the home folder.

``run_dialog`` shows a built dialog and returns whether it was accepted; tests replace it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QStorageInfo, QUrl
from PySide6.QtWidgets import QFileDialog, QWidget

from app.paths import program_dir

LINUX_REMOVABLE = (Path("/media"), Path("/run/media"))  # where desktops mount USB sticks


def _windows_removable(root: str) -> bool:
    import ctypes

    drive_removable = 2  # GetDriveTypeW: DRIVE_REMOVABLE
    return int(ctypes.windll.kernel32.GetDriveTypeW(root)) == drive_removable  # type: ignore[attr-defined]


def is_removable(root: Path, *, platform: str = sys.platform) -> bool:
    """Whether a mounted volume's root is a USB stick (or another removable drive)."""
    if platform.startswith("win"):
        try:
            return _windows_removable(str(root))
        except (OSError, AttributeError):
            return False
    return any(root != base and root.is_relative_to(base) for base in LINUX_REMOVABLE)


def removable_roots(volumes: Iterable[Path] | None = None) -> list[Path]:
    """The roots of the USB sticks inserted now (from ``QStorageInfo``), writable ones first."""
    found: list[tuple[bool, Path]] = []
    if volumes is None:
        infos = [v for v in QStorageInfo.mountedVolumes() if v.isValid() and v.isReady()]
        pairs = [(Path(v.rootPath()), v.isReadOnly()) for v in infos]
    else:
        pairs = [(Path(v), False) for v in volumes]
    for root, read_only in pairs:
        if is_removable(root) and root.is_dir():
            found.append((read_only, root))
    return [root for _ro, root in sorted(found, key=lambda pair: (pair[0], str(pair[1])))]


def documents_folder() -> Path:
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(location) if location else Path.home()
    return folder if folder.is_dir() else Path.home()


def start_folder(preferred: Path | None = None) -> Path:
    """Where a dialog opens: ``preferred`` if it exists, else a USB stick, else Documents."""
    if preferred is not None and preferred.is_dir() and not _inside_program(preferred):
        return preferred
    sticks = removable_roots()
    return sticks[0] if sticks else documents_folder()


def _inside_program(folder: Path) -> bool:
    try:
        return folder.resolve() == program_dir().resolve()
    except OSError:
        return False


def _sidebar() -> list[QUrl]:
    places = [*removable_roots(), documents_folder()]
    desktop = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DesktopLocation)
    if desktop and Path(desktop).is_dir():
        places.append(Path(desktop))
    places.append(Path.home())
    unique = list(dict.fromkeys(places))
    return [QUrl.fromLocalFile(str(p)) for p in unique]


def build_dialog(
    parent: QWidget | None,
    title: str,
    *,
    mode: QFileDialog.FileMode,
    save: bool = False,
    filters: str = "",
    suggested_name: str = "",
    start: Path | None = None,
) -> QFileDialog:
    """The program's file dialog, built but not shown (``run_dialog`` shows it)."""
    dialog = QFileDialog(parent, title)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setFileMode(mode)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave if save else QFileDialog.AcceptMode.AcceptOpen)
    if mode == QFileDialog.FileMode.Directory:
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    if filters:
        dialog.setNameFilters(filters.split(";;"))  # "Excel (*.xlsx);;All files (*)", as Qt's own
    dialog.setSidebarUrls(_sidebar())
    dialog.setDirectory(str(start_folder(start)))
    if suggested_name:
        dialog.selectFile(suggested_name)
    return dialog


def run_dialog(dialog: QFileDialog) -> bool:
    """Show the dialog and wait; True when the user chose (tests replace this)."""
    return dialog.exec() == QFileDialog.DialogCode.Accepted


def _chosen(dialog: QFileDialog) -> list[Path]:
    try:
        return [Path(p) for p in dialog.selectedFiles()] if run_dialog(dialog) else []
    finally:
        dialog.deleteLater()


def open_file(
    parent: QWidget | None, title: str, filters: str = "", *, start: Path | None = None
) -> Path | None:
    """One existing file, or None when cancelled."""
    found = _chosen(
        build_dialog(parent, title, mode=QFileDialog.FileMode.ExistingFile, filters=filters, start=start)
    )
    return found[0] if found else None


def open_files(
    parent: QWidget | None, title: str, filters: str = "", *, start: Path | None = None
) -> list[Path]:
    """Existing files (none when cancelled)."""
    return _chosen(
        build_dialog(parent, title, mode=QFileDialog.FileMode.ExistingFiles, filters=filters, start=start)
    )


def save_file(
    parent: QWidget | None,
    title: str,
    suggested_name: str = "",
    filters: str = "",
    *,
    start: Path | None = None,
) -> Path | None:
    """Where to write a new file (the dialog asks before replacing one), or None."""
    dialog = build_dialog(
        parent,
        title,
        mode=QFileDialog.FileMode.AnyFile,
        save=True,
        filters=filters,
        suggested_name=suggested_name,
        start=start,
    )
    suffix = _first_suffix(filters)
    if suffix:
        dialog.setDefaultSuffix(suffix)
    found = _chosen(dialog)
    return found[0] if found else None


def choose_folder(parent: QWidget | None, title: str, *, start: Path | None = None) -> Path | None:
    """A folder, or None when cancelled."""
    found = _chosen(build_dialog(parent, title, mode=QFileDialog.FileMode.Directory, start=start))
    return found[0] if found else None


def _first_suffix(filters: str) -> str:
    """ "xlsx" from "Excel (*.xlsx)": the suffix a typed name without one gets."""
    for text in filters.split(";;"):
        start, end = text.find("(*."), text.find(")")
        if start >= 0 and end > start:
            suffix = text[start + 3 : end].split()[0]
            if suffix.isalnum():
                return suffix
    return ""


__all__ = [
    "build_dialog",
    "choose_folder",
    "documents_folder",
    "open_file",
    "open_files",
    "removable_roots",
    "run_dialog",
    "save_file",
    "start_folder",
]
