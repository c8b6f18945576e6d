"""同步: bundles, merges, receipts and setup packages on screen."""
