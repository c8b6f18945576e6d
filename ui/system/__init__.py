"""系统管理: this installation, backups and restore, divisions, user accounts."""
