"""首页: what needs doing today."""
