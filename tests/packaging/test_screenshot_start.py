"""``--screenshot`` without ``--demo``: what a user meets first is rendered, and the program exits.

The Windows smoke test starts the installed program this way, offscreen, and looks at the PNG.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage


def test_an_encrypted_database_renders_its_sign_in_window(encrypted_path: Path, tmp_path: Path) -> None:
    from ui.main import main

    shot = tmp_path / "sign-in.png"
    assert main(["--db", str(encrypted_path), "--screenshot", str(shot)]) == 0
    image = QImage(str(shot))
    # the sign-in dialog, not the 1366×768 main window (that would mean it signed in by itself)
    assert 200 < image.width() < 1000 and 100 < image.height() < 700


def test_a_computer_without_a_database_renders_the_welcome_wizard(tmp_path: Path) -> None:
    from app.paths import default_database
    from ui.main import main

    shot = tmp_path / "welcome.png"
    assert main(["--screenshot", str(shot)]) == 0
    assert QImage(str(shot)).width() > 300
    assert not default_database().exists()  # nothing was created by looking
