"""特殊家庭: the family list, the family form with its tabs, the visit form, printing visit forms."""
