"""Services: one function per user action, each inside one transaction, returning plain rows."""
