"""首页: the figures of the home page."""
