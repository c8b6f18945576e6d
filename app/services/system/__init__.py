"""系统管理: sign-in and accounts, users, backup and restore, divisions, this installation, checks."""
