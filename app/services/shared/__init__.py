"""What several modules' services share: workspace, the user's scope, drafts, search, Excel export, audit."""
