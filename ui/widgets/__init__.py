"""Widgets every module uses: fields, record lists, record forms with drafts."""
