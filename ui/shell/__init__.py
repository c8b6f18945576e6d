"""The shell: main window and navigation, sign-in, idle lock, crash dialog, task runner, i18n, theme."""
