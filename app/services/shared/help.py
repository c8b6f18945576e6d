"""The program's help, in Chinese: one Markdown file per page and form under resources/help/.

The help window (ui/shell/help.py) shows a topic; ``help_pdf`` prints the same text to A4 (the
快速入门 as a sheet to keep beside the laptop). One source, so screen and paper never disagree.
"""

from __future__ import annotations

from pathlib import Path

from app.domain.errors import UserInputError
from app.paths import resource
from app.services.shared import paper

QUICK_START = "quickstart"
# A topic per page of the main window (its navigation key), per form where F1 is natural, and the quick start.
TOPICS = (
    QUICK_START,
    "home",
    "organisation",
    "families",
    "projects",
    "activities",
    "evaluation",
    "analysis",
    "sync",
    "system",
    "family_form",
    "visit_form",
)


def help_file(topic: str) -> Path:
    return resource("help", f"{topic}.md")


def help_text(topic: str) -> str:
    """The topic's Markdown; a clear message in its place when the file is missing."""
    try:
        return help_file(topic).read_text(encoding="utf-8")
    except OSError:
        return f"# 帮助\n\n没有找到这一页的帮助（{topic}）。请看“帮助 → 快速入门”，或联系县里的管理员。\n"


def help_title(text: str) -> str:
    """The first heading of a topic's text."""
    for line in text.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return "帮助"


def help_pdf(topic: str, path: Path) -> Path:
    """The topic as an A4 PDF at ``path``, from the same text the help window shows."""
    if topic not in TOPICS:
        raise UserInputError(f"没有这个帮助主题：{topic}")
    text = help_text(topic)
    return paper.text_pdf(path, text, help_title(text))
