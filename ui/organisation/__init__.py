"""组织建设: the page, its lists of people, and the association, person and position forms."""
