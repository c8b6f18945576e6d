"""Item models every module uses: the lazy table for big lists, a model over a short list of rows."""
